package org.medai.nlp.deid;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * De-identification of the text that FHIR resources carry, on plain strings (medai-nlp does not
 * depend on a FHIR library; pass the element values in and set the results back):
 * {@code DocumentReference.content.attachment.data} (base64 text), {@code Observation.note.text}
 * (markdown) and {@code Resource.text.div} (narrative XHTML, where only text nodes change and
 * every tag and attribute is kept).
 *
 * <p>Limits: XHTML attribute values ({@code title}, {@code alt}) are not changed; a PHI item split
 * across elements ({@code <b>John</b> Smith}) is found per text node; character references inside
 * text are left as they are. Immutable and thread-safe.
 */
public final class FhirTextDeid {

  /**
   * A de-identified attachment.
   *
   * @param base64Data the new {@code Attachment.data} (base64 of UTF-8 text)
   * @param result the de-identified decoded text and its audit (offsets into the decoded text)
   */
  public record Attachment(String base64Data, DeidResult result) {}

  private final Deidentifier deid;

  public FhirTextDeid(Deidentifier deid) {
    this.deid = deid;
  }

  /**
   * De-identifies {@code Attachment.data}.
   *
   * @param base64Data the attachment's base64 data
   * @param contentType the attachment's {@code contentType}: {@code text/plain}, {@code text/markdown},
   *     {@code text/html} or {@code application/xhtml+xml} (parameters such as {@code ;charset=utf-8} allowed)
   */
  public Attachment attachment(String base64Data, String contentType, PatientKey key) {
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
    boolean markup = ct.equals("text/html") || ct.equals("application/xhtml+xml");
    if (!markup && !ct.equals("text/plain") && !ct.equals("text/markdown") && !ct.equals("text/x-markdown")) {
      throw new DeidException("MEDAI-DEID-002", "attachment content type '" + ct
          + "' cannot be de-identified as text; convert it to text/plain first (PDF and images need OCR)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(base64Data);
    } catch (IllegalArgumentException e) {
      throw new DeidException("MEDAI-DEID-004", "attachment data is not valid base64; check the Attachment.data element");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new DeidException("MEDAI-DEID-005", "attachment text is not valid UTF-8; re-encode it as UTF-8");
    }
    DeidResult r = markup ? narrativeXhtml(text, key) : deid.deidentify(text, key);
    return new Attachment(Base64.getEncoder().encodeToString(r.text().getBytes(StandardCharsets.UTF_8)), r);
  }

  /** De-identifies {@code Observation.note[].text} (or any Annotation text). */
  public DeidResult observationNote(String annotationText, PatientKey key) {
    return deid.deidentify(annotationText, key);
  }

  /**
   * De-identifies narrative XHTML: text nodes only; tags, attributes, comments, CDATA and the
   * content of {@code script} and {@code style} are copied unchanged. Audit offsets refer to the
   * input XHTML string.
   */
  public DeidResult narrativeXhtml(String xhtml, PatientKey key) {
    StringBuilder out = new StringBuilder(xhtml.length() + 32);
    List<AuditRecord> audit = new ArrayList<>();
    int i = 0;
    int n = xhtml.length();
    String skipUntil = null;
    while (i < n) {
      char c = xhtml.charAt(i);
      if (c == '<') {
        int end;
        if (xhtml.startsWith("<!--", i)) end = indexOrEnd(xhtml, "-->", i) + 3;
        else if (xhtml.startsWith("<![CDATA[", i)) end = indexOrEnd(xhtml, "]]>", i) + 3;
        else end = tagEnd(xhtml, i) + 1;
        end = Math.min(end, n);
        String tag = xhtml.substring(i, end);
        String lower = tag.toLowerCase(Locale.ROOT);
        if (skipUntil != null && lower.startsWith("</" + skipUntil)) skipUntil = null;
        else if (skipUntil == null && (lower.startsWith("<script") || lower.startsWith("<style")) && !lower.endsWith("/>")) {
          skipUntil = lower.startsWith("<script") ? "script" : "style";
        }
        out.append(tag);
        i = end;
        continue;
      }
      int next = xhtml.indexOf('<', i);
      if (next < 0) next = n;
      String node = xhtml.substring(i, next);
      if (skipUntil != null || node.isBlank()) {
        out.append(node);
      } else {
        DeidResult r = deid.deidentify(node, key);
        int base = out.length();
        for (AuditRecord a : r.audit()) {
          audit.add(new AuditRecord(a.type(), a.source(), a.originalStart() + i, a.originalEnd() + i,
              a.surrogateStart() + base, a.surrogateLength()));
        }
        out.append(escape(r.text()));
      }
      i = next;
    }
    return new DeidResult(out.toString(), audit);
  }

  private static int indexOrEnd(String s, String what, int from) {
    int k = s.indexOf(what, from);
    return k < 0 ? s.length() : k;
  }

  private static int tagEnd(String s, int from) {
    char quote = 0;
    for (int k = from + 1; k < s.length(); k++) {
      char c = s.charAt(k);
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return k;
      }
    }
    return s.length() - 1;
  }

  /** Surrogates never contain markup; this keeps the node well-formed if an original '<' was never there. */
  private static String escape(String s) {
    return s.indexOf('<') < 0 ? s : s.replace("<", "&lt;");
  }
}
