package org.medai.imaging.internal.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes and encodes DICOM text per SpecificCharacterSet (0008,0005): single-byte and Unicode
 * character sets, and ISO 2022 code extensions with escape sequences (PS3.5 6.1.2.5), including the
 * Japanese (IR 13, IR 87, IR 159) and Korean (IR 149) sets. Immutable, thread-safe.
 */
public final class SpecificCharset {
  public static final SpecificCharset DEFAULT = new SpecificCharset(new String[] {""});

  private static final Charset EUC_JP = charset("EUC-JP");
  private static final Charset EUC_KR = charset("EUC-KR");
  private static final Charset GB2312 = charset("GB2312");

  // G0 designations
  private static final int G0_ASCII = 0;
  private static final int G0_ROMAJI = 1;
  private static final int G0_JIS0208 = 2;
  private static final int G0_JIS0212 = 3;

  private final String[] terms;
  private final Charset single;
  private final boolean iso2022;
  private final int initialG0;
  private final Charset initialG1;

  private SpecificCharset(String[] terms) {
    this.terms = terms;
    String first = terms.length == 0 ? "" : terms[0].trim();
    boolean ext = false;
    for (String t : terms) {
      if (t.trim().startsWith("ISO 2022")) ext = true;
    }
    this.iso2022 = ext;
    this.single = ext ? null : singleCharset(first);
    this.initialG0 = first.equals("ISO 2022 IR 13") ? G0_ROMAJI : G0_ASCII;
    this.initialG1 = ext ? g1For(first) : null;
  }

  /** The character set named by the values of SpecificCharacterSet. */
  public static SpecificCharset of(String[] terms) {
    if (terms == null || terms.length == 0 || (terms.length == 1 && terms[0].isBlank())) return DEFAULT;
    return new SpecificCharset(terms.clone());
  }

  public String[] terms() {
    return terms.clone();
  }

  public boolean isDefault() {
    return this == DEFAULT;
  }

  /** Decodes a text value (the whole value, delimiters included). */
  public String decode(byte[] b, int off, int len) {
    if (!iso2022) return new String(b, off, len, single);
    return decode2022(b, off, len);
  }

  /** Encodes text for this character set (ISO 2022 sets get escape sequences around non-ASCII runs). */
  public byte[] encode(String s) {
    if (!iso2022) return s.getBytes(single);
    return encode2022(s);
  }

  private String decode2022(byte[] b, int off, int len) {
    StringBuilder out = new StringBuilder(len);
    Segment seg = new Segment(out);
    int g0 = initialG0;
    Charset g1 = initialG1;
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c == 0x1B) {
        int n = escape(b, i + 1, end);
        if (n > 0) {
          String esc = new String(b, i + 1, n, StandardCharsets.ISO_8859_1);
          switch (esc) {
            case "(B" -> g0 = G0_ASCII;
            case "(J" -> g0 = G0_ROMAJI;
            case "$B", "$@" -> g0 = G0_JIS0208;
            case "$(D" -> g0 = G0_JIS0212;
            case ")I" -> g1 = charset("JIS_X0201");
            case "$)C" -> g1 = EUC_KR;
            case "$)A" -> g1 = GB2312;
            default -> {
              Charset cs = latinG1(esc);
              if (cs != null) g1 = cs;
            }
          }
          i += 1 + n;
          continue;
        }
      }
      if (c < 0x80) {
        if ((g0 == G0_JIS0208 || g0 == G0_JIS0212) && c >= 0x21 && c < 0x7F && i + 1 < end) {
          if (g0 == G0_JIS0212) seg.add(EUC_JP, 0x8F);
          seg.add(EUC_JP, c | 0x80);
          seg.add(EUC_JP, (b[i + 1] & 0xFF) | 0x80);
          i += 2;
          continue;
        }
        seg.add(StandardCharsets.ISO_8859_1, c);
        if (c == '\\' || c == '^' || c == '=' || c == '\r' || c == '\n' || c == '\t' || c == '\f') {
          g0 = initialG0;
          g1 = initialG1;
        }
        i++;
        continue;
      }
      if (g1 == EUC_KR || g1 == GB2312) {
        seg.add(g1, c);
        if (i + 1 < end) seg.add(g1, b[i + 1] & 0xFF);
        i += 2;
        continue;
      }
      if (g1 != null && g1.name().equals("JIS_X0201")) {
        seg.add(EUC_JP, 0x8E);
        seg.add(EUC_JP, c);
      } else {
        seg.add(g1 == null ? StandardCharsets.ISO_8859_1 : g1, c);
      }
      i++;
    }
    seg.flush();
    return out.toString();
  }

  private byte[] encode2022(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 2);
    boolean multiByteG0 = false;
    String g1Esc = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x80) {
        if (multiByteG0) {
          out.writeBytes(new byte[] {0x1B, '(', 'B'});
          multiByteG0 = false;
        }
        out.write(ch);
        if (ch == '\\' || ch == '^' || ch == '=' || ch == '\r' || ch == '\n' || ch == '\t' || ch == '\f') g1Esc = null;
        continue;
      }
      byte[] enc = null;
      for (String t : terms) {
        String term = t.trim();
        if (term.equals("ISO 2022 IR 87") || term.equals("ISO 2022 IR 159")) {
          byte[] e = tryEncode(EUC_JP, ch);
          boolean is212 = e != null && e.length == 3 && (e[0] & 0xFF) == 0x8F;
          if (e != null && ((e.length == 2 && (e[0] & 0xFF) >= 0xA1 && term.endsWith("87")) || (is212 && term.endsWith("159")))) {
            if (!multiByteG0) {
              out.writeBytes(is212 ? new byte[] {0x1B, '$', '(', 'D'} : new byte[] {0x1B, '$', 'B'});
              multiByteG0 = true;
            }
            out.write(e[e.length - 2] & 0x7F);
            out.write(e[e.length - 1] & 0x7F);
            enc = e;
            break;
          }
        } else if (term.equals("ISO 2022 IR 149") || term.equals("ISO 2022 IR 58") || term.equals("ISO 2022 IR 13")
            || latinG1Term(term) != null) {
          String esc = switch (term) {
            case "ISO 2022 IR 149" -> "$)C";
            case "ISO 2022 IR 58" -> "$)A";
            case "ISO 2022 IR 13" -> ")I";
            default -> latinG1Term(term);
          };
          Charset cs = switch (term) {
            case "ISO 2022 IR 149" -> EUC_KR;
            case "ISO 2022 IR 58" -> GB2312;
            case "ISO 2022 IR 13" -> charset("JIS_X0201");
            default -> latinG1(esc);
          };
          byte[] e = tryEncode(cs, ch);
          if (e != null && (e[0] & 0xFF) >= 0x80) {
            if (multiByteG0) {
              out.writeBytes(new byte[] {0x1B, '(', 'B'});
              multiByteG0 = false;
            }
            if (!esc.equals(g1Esc)) {
              out.write(0x1B);
              out.writeBytes(esc.getBytes(StandardCharsets.ISO_8859_1));
              g1Esc = esc;
            }
            out.writeBytes(e);
            enc = e;
            break;
          }
        }
      }
      if (enc == null) {
        if (multiByteG0) {
          out.writeBytes(new byte[] {0x1B, '(', 'B'});
          multiByteG0 = false;
        }
        out.write('?');
      }
    }
    if (multiByteG0) out.writeBytes(new byte[] {0x1B, '(', 'B'});
    return out.toByteArray();
  }

  private static byte[] tryEncode(Charset cs, char ch) {
    if (cs == null) return null;
    CharsetEncoder enc = cs.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
        .onMalformedInput(CodingErrorAction.REPORT);
    try {
      ByteBuffer bb = enc.encode(CharBuffer.wrap(new char[] {ch}));
      return Arrays.copyOf(bb.array(), bb.limit());
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Length of a recognised escape sequence's bytes after ESC, or 0. */
  private static int escape(byte[] b, int i, int end) {
    if (i >= end) return 0;
    int c0 = b[i];
    if (c0 == '(' || c0 == ')' || c0 == '-') return i + 1 < end ? 2 : 0;
    if (c0 == '$') {
      if (i + 1 >= end) return 0;
      int c1 = b[i + 1];
      if (c1 == '(' || c1 == ')') return i + 2 < end ? 3 : 0;
      return 2;
    }
    return 0;
  }

  private static Charset latinG1(String esc) {
    return switch (esc) {
      case "-A" -> StandardCharsets.ISO_8859_1;
      case "-B" -> charset("ISO-8859-2");
      case "-C" -> charset("ISO-8859-3");
      case "-D" -> charset("ISO-8859-4");
      case "-L" -> charset("ISO-8859-5");
      case "-G" -> charset("ISO-8859-6");
      case "-F" -> charset("ISO-8859-7");
      case "-H" -> charset("ISO-8859-8");
      case "-M" -> charset("ISO-8859-9");
      case "-T" -> charset("TIS-620");
      case "-b" -> charset("ISO-8859-15");
      default -> null;
    };
  }

  private static String latinG1Term(String term) {
    return switch (term) {
      case "ISO 2022 IR 100" -> "-A";
      case "ISO 2022 IR 101" -> "-B";
      case "ISO 2022 IR 109" -> "-C";
      case "ISO 2022 IR 110" -> "-D";
      case "ISO 2022 IR 144" -> "-L";
      case "ISO 2022 IR 127" -> "-G";
      case "ISO 2022 IR 126" -> "-F";
      case "ISO 2022 IR 138" -> "-H";
      case "ISO 2022 IR 148" -> "-M";
      case "ISO 2022 IR 166" -> "-T";
      case "ISO 2022 IR 203" -> "-b";
      default -> null;
    };
  }

  private static Charset g1For(String firstTerm) {
    return switch (firstTerm) {
      case "ISO 2022 IR 13" -> charset("JIS_X0201");
      case "ISO 2022 IR 149" -> EUC_KR;
      case "ISO 2022 IR 58" -> GB2312;
      default -> {
        String esc = latinG1Term(firstTerm);
        yield esc == null ? null : latinG1(esc);
      }
    };
  }

  private static Charset singleCharset(String term) {
    Charset cs = switch (term.toUpperCase(Locale.ROOT)) {
      case "ISO_IR 192" -> StandardCharsets.UTF_8;
      case "ISO_IR 101" -> charset("ISO-8859-2");
      case "ISO_IR 109" -> charset("ISO-8859-3");
      case "ISO_IR 110" -> charset("ISO-8859-4");
      case "ISO_IR 144" -> charset("ISO-8859-5");
      case "ISO_IR 127" -> charset("ISO-8859-6");
      case "ISO_IR 126" -> charset("ISO-8859-7");
      case "ISO_IR 138" -> charset("ISO-8859-8");
      case "ISO_IR 148" -> charset("ISO-8859-9");
      case "ISO_IR 203" -> charset("ISO-8859-15");
      case "ISO_IR 13" -> charset("JIS_X0201");
      case "ISO_IR 166" -> charset("TIS-620");
      case "GB18030" -> charset("GB18030");
      case "GBK" -> charset("GBK");
      default -> StandardCharsets.ISO_8859_1; // ISO_IR 6, ISO_IR 100 and unknown terms: lenient Latin-1
    };
    return cs == null ? StandardCharsets.ISO_8859_1 : cs;
  }

  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Collects bytes of one Java charset and decodes them when the charset changes. */
  private static final class Segment {
    private final StringBuilder out;
    private Charset cs;
    private byte[] buf = new byte[64];
    private int n;

    Segment(StringBuilder out) {
      this.out = out;
    }

    void add(Charset c, int b) {
      Charset use = c == null ? StandardCharsets.ISO_8859_1 : c;
      if (use != cs) {
        flush();
        cs = use;
      }
      if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
      buf[n++] = (byte) b;
    }

    void flush() {
      if (n > 0) out.append(new String(buf, 0, n, cs));
      n = 0;
    }
  }
}
