package org.medai.nlp.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.medai.core.concurrent.WorkPool;
import org.medai.nlp.internal.tokenize.AddedVocabulary;
import org.medai.nlp.internal.tokenize.JsonReader;
import org.medai.nlp.internal.tokenize.Pipeline;
import org.medai.nlp.internal.tokenize.PipelineLoader;
import org.medai.nlp.internal.tokenize.PostSpec;
import org.medai.nlp.internal.tokenize.TokenSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pure-Java HuggingFace tokenizer: loads {@code tokenizer.json} (WordPiece or BPE, with the BERT
 * and byte-level normalisers, pre-tokenizers, post-processors and decoders) or a BERT
 * {@code vocab.txt}, and encodes text into ids, tokens, type ids, masks and offsets that match the
 * Rust {@code tokenizers} library id for id and offset for offset.
 *
 * <p>Immutable and thread-safe: share one instance across threads. Loading costs tens of
 * milliseconds for a 30k vocabulary (build once, reuse); encoding is linear in the text length and
 * allocates only per-call buffers. {@link #withTruncation} and {@link #withPadding} return new
 * instances sharing the loaded model. Nothing to close.
 */
public final class Tokenizer {
  private static final Logger LOG = LoggerFactory.getLogger(Tokenizer.class);

  private final Pipeline pipeline;
  private final Truncation truncation;
  private final Padding padding;
  private final String sourceSha256;

  private Tokenizer(Pipeline pipeline, Truncation truncation, Padding padding, String sourceSha256) {
    this.pipeline = pipeline;
    this.truncation = truncation;
    this.padding = padding;
    this.sourceSha256 = sourceSha256;
  }

  /** Loads a HuggingFace {@code tokenizer.json}; its truncation and padding become the defaults. */
  public static Tokenizer fromFile(Path tokenizerJson) throws IOException {
    byte[] bytes = Files.readAllBytes(tokenizerJson);
    return fromJsonBytes(bytes);
  }

  /** Parses a HuggingFace {@code tokenizer.json} document held in memory. */
  public static Tokenizer fromJson(String json) {
    return fromJsonBytes(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Tokenizer fromJsonBytes(byte[] bytes) {
    Pipeline p = PipelineLoader.fromJson(JsonReader.parse(new String(bytes, StandardCharsets.UTF_8)));
    return new Tokenizer(p, p.truncation(), p.padding(), sha256(bytes));
  }

  /**
   * Builds a BERT WordPiece tokenizer from a {@code vocab.txt} (one token per line, id = line
   * number) with BERT's normaliser, pre-tokenizer and {@code [CLS] A [SEP]} template. The
   * lower-case setting is explicit because the file cannot say it; a mismatch with the vocabulary's
   * look (a cased vocabulary lower-cased, as happens with Bio_ClinicalBERT) is logged as a warning
   * and listed in {@link #warnings()}.
   */
  public static Tokenizer fromVocabTxt(Path vocabTxt, boolean lowerCase) throws IOException {
    byte[] bytes = Files.readAllBytes(vocabTxt);
    List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines = lines.subList(0, lines.size() - 1);
    Pipeline p = PipelineLoader.fromVocabTxt(lines, lowerCase);
    for (String w : p.warnings()) LOG.warn("{} ({})", w, vocabTxt.getFileName());
    return new Tokenizer(p, null, null, sha256(bytes));
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tokenizer that truncates as given ({@code null}: never truncate). */
  public Tokenizer withTruncation(Truncation t) {
    return new Tokenizer(pipeline, t, padding, sourceSha256);
  }

  /** A tokenizer that pads as given ({@code null}: never pad). */
  public Tokenizer withPadding(Padding p) {
    return new Tokenizer(pipeline, truncation, p, sourceSha256);
  }

  public Truncation truncation() {
    return truncation;
  }

  public Padding padding() {
    return padding;
  }

  /** SHA-256 of the file this tokenizer was loaded from (provenance). */
  public String sourceSha256() {
    return sourceSha256;
  }

  /** Warnings found while loading (empty when none). */
  public List<String> warnings() {
    return pipeline.warnings();
  }

  /** Special tokens the post-processor adds around one sequence. */
  public int specialTokensAdded() {
    return pipeline.post().added();
  }

  public int vocabSize() {
    return pipeline.model().vocabSize();
  }

  /** Id of a token (added tokens first, then the model vocabulary), or -1. */
  public int tokenToId(String token) {
    for (AddedToken t : pipeline.added().tokens()) if (t.content().equals(token)) return t.id();
    return pipeline.model().tokenToId(token);
  }

  /** Token of an id, or null. */
  public String idToToken(int id) {
    AddedToken t = pipeline.added().byId(id);
    return t != null ? t.content() : pipeline.model().idToToken(id);
  }

  /** Encodes with the post-processor's special tokens. */
  public Encoding encode(String text) {
    return encode(text, true);
  }

  /** Encodes one text; {@code addSpecialTokens=false} leaves out [CLS]/[SEP] (or &lt;s&gt;/&lt;/s&gt;). */
  public Encoding encode(String text, boolean addSpecialTokens) {
    Encoding e = encodeUnpadded(text, addSpecialTokens);
    if (padding == null) return e;
    return pad(e, padding.targetLength(e.length()));
  }

  /**
   * Encodes many texts on {@code pool} (its size sets the parallelism; a one-thread pool runs on
   * the caller's thread). With batch-longest padding every encoding is padded to the longest.
   */
  public List<Encoding> encodeBatch(List<String> texts, boolean addSpecialTokens, WorkPool pool) {
    Encoding[] out = new Encoding[texts.size()];
    pool.parallelFor(out.length, 4, (from, to) -> {
      for (int i = (int) from; i < to; i++) out[i] = encodeUnpadded(texts.get(i), addSpecialTokens);
    });
    if (padding != null) {
      int longest = 0;
      for (Encoding e : out) longest = Math.max(longest, e.length());
      int target = padding.targetLength(padding.fixedLength() > 0 ? padding.fixedLength() : longest);
      for (int i = 0; i < out.length; i++) out[i] = pad(out[i], target);
    }
    return List.of(out);
  }

  private Encoding encodeUnpadded(String text, boolean addSpecialTokens) {
    TokenSink s = pipeline.tokenize(text);
    PostSpec post = pipeline.post();
    int added = addSpecialTokens ? post.added() : 0;
    int n = s.size;
    int[] u2cp = codePointIndex(text);
    int[] cp2u = u2cp != null && post.trimOffsets() ? inverse(u2cp) : null;
    if (truncation == null) return window(s, 0, n, post, addSpecialTokens, u2cp, cp2u, List.of());
    if (truncation.strategy() == Truncation.Strategy.ONLY_SECOND) {
      throw new TokenizerException("MEDAI-TOK-024", "truncation strategy ONLY_SECOND needs a pair of "
          + "sequences but one text was encoded; use LONGEST_FIRST or ONLY_FIRST");
    }
    int max = truncation.maxLength() - added;
    if (n <= max) return window(s, 0, n, post, addSpecialTokens, u2cp, cp2u, List.of());
    if (max <= 0 || truncation.stride() >= max) {
      throw new TokenizerException("MEDAI-TOK-025", "truncation maxLength " + truncation.maxLength()
          + " leaves " + max + " tokens after " + added + " special tokens, not more than the stride "
          + truncation.stride() + "; raise maxLength or lower the stride");
    }
    int step = max - truncation.stride();
    List<int[]> ranges = new ArrayList<>();
    if (truncation.direction() == Truncation.Direction.RIGHT) {
      for (int start = 0; ; start += step) {
        int stop = Math.min(start + max, n);
        ranges.add(new int[] {start, stop});
        if (stop == n) break;
      }
    } else {
      for (int st = n - 1; st >= 0; st -= step) {
        int stop = st + 1;
        int start = stop < max ? 0 : stop - max;
        ranges.add(new int[] {start, stop});
        if (start == 0) break;
      }
    }
    List<Encoding> overflow = new ArrayList<>(ranges.size() - 1);
    for (int i = 1; i < ranges.size(); i++) {
      overflow.add(window(s, ranges.get(i)[0], ranges.get(i)[1], post, addSpecialTokens, u2cp, cp2u, List.of()));
    }
    return window(s, ranges.get(0)[0], ranges.get(0)[1], post, addSpecialTokens, u2cp, cp2u, overflow);
  }

  /** Code-point index to UTF-16 index (the inverse of {@link #codePointIndex}). */
  private static int[] inverse(int[] u2cp) {
    int[] cp2u = new int[u2cp[u2cp.length - 1] + 1];
    for (int u = u2cp.length - 1; u >= 0; u--) {
      boolean insidePair = u > 0 && u < u2cp.length - 1 && u2cp[u + 1] == u2cp[u];
      if (!insidePair) cp2u[u2cp[u]] = u;
    }
    return cp2u;
  }

  /** UTF-16 index to code-point index, or null when the text has no surrogate pairs. */
  private static int[] codePointIndex(String text) {
    int n = text.length();
    boolean any = false;
    for (int i = 0; i < n; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        any = true;
        break;
      }
    }
    if (!any) return null;
    int[] m = new int[n + 1];
    int cp = 0;
    for (int i = 0; i < n; i++) {
      m[i] = cp;
      if (!(Character.isHighSurrogate(text.charAt(i)) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1)))) {
        cp++;
      }
    }
    m[n] = cp;
    // A low surrogate's index maps to the pair's code point; ends inside a pair count it whole.
    for (int i = 1; i < n; i++) {
      if (Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1))) m[i] = m[i - 1] + 1;
    }
    return m;
  }

  private static Encoding window(TokenSink s, int a, int b, PostSpec post, boolean addSpecial, int[] u2cp,
      int[] cp2u, List<Encoding> overflow) {
    int pre = addSpecial ? post.preIds().length : 0;
    int suf = addSpecial ? post.postIds().length : 0;
    int len = pre + (b - a) + suf;
    int[] ids = new int[len];
    String[] toks = new String[len];
    int[] types = new int[len];
    byte[] att = new byte[len];
    byte[] spec = new byte[len];
    int[] st = new int[len];
    int[] en = new int[len];
    Arrays.fill(att, (byte) 1);
    for (int i = 0; i < pre; i++) {
      ids[i] = post.preIds()[i];
      toks[i] = post.preTokens()[i];
      types[i] = post.preTypes()[i];
      spec[i] = 1;
    }
    System.arraycopy(s.ids, a, ids, pre, b - a);
    System.arraycopy(s.tokens, a, toks, pre, b - a);
    System.arraycopy(s.start, a, st, pre, b - a);
    System.arraycopy(s.end, a, en, pre, b - a);
    if (post.seqType() != 0) Arrays.fill(types, pre, pre + (b - a), post.seqType());
    if (u2cp == null) post.trim(toks, st, en, pre, pre + (b - a));
    for (int i = 0; i < suf; i++) {
      int k = pre + (b - a) + i;
      ids[k] = post.postIds()[i];
      toks[k] = post.postTokens()[i];
      types[k] = post.postTypes()[i];
      spec[k] = 1;
    }
    int[] cs = st;
    int[] ce = en;
    if (u2cp != null) {
      cs = new int[len];
      ce = new int[len];
      for (int i = 0; i < len; i++) {
        cs[i] = u2cp[st[i]];
        ce[i] = u2cp[en[i]];
      }
      if (post.trimOffsets()) {
        // HF trims in characters (code points): trim there, then map back to UTF-16.
        post.trim(toks, cs, ce, pre, pre + (b - a));
        for (int i = pre; i < pre + (b - a); i++) {
          st[i] = cp2u[cs[i]];
          en[i] = cp2u[ce[i]];
        }
      }
    }
    return new Encoding(ids, toks, types, att, spec, st, en, cs, ce, overflow);
  }

  private Encoding pad(Encoding e, int target) {
    List<Encoding> over = new ArrayList<>(e.overflowing().size());
    for (Encoding o : e.overflowing()) over.add(pad(o, target));
    int n = e.length();
    if (n >= target) {
      return over.isEmpty() ? e : rebuild(e, 0, n, over);
    }
    return rebuild(e, padding.left() ? target - n : 0, target, over);
  }

  private Encoding rebuild(Encoding e, int at, int target, List<Encoding> over) {
    int n = e.length();
    int[] ids = new int[target];
    String[] toks = new String[target];
    int[] types = new int[target];
    byte[] att = new byte[target];
    byte[] spec = new byte[target];
    int[] st = new int[target];
    int[] en = new int[target];
    int[] cs = new int[target];
    int[] ce = new int[target];
    Arrays.fill(ids, padding.padId());
    Arrays.fill(toks, padding.padToken());
    Arrays.fill(types, padding.padTypeId());
    Arrays.fill(spec, (byte) 1);
    int[] eTypes = e.typeIds();
    int[] eAtt = e.attentionMask();
    int[] eSpec = e.specialTokensMask();
    for (int i = 0; i < n; i++) {
      ids[at + i] = e.id(i);
      toks[at + i] = e.token(i);
      types[at + i] = eTypes[i];
      att[at + i] = (byte) eAtt[i];
      spec[at + i] = (byte) eSpec[i];
      st[at + i] = e.startUtf16(i);
      en[at + i] = e.endUtf16(i);
      cs[at + i] = e.startCodePoint(i);
      ce[at + i] = e.endCodePoint(i);
    }
    return new Encoding(ids, toks, types, att, spec, st, en, cs, ce, over);
  }

  /**
   * Turns ids back into text with the file's decoder (WordPiece, ByteLevel or BPEDecoder; without
   * a decoder tokens are joined by spaces). Unknown ids are skipped, as HuggingFace does.
   */
  public String decode(int[] ids, boolean skipSpecialTokens) {
    if (pipeline.decoder() == null) {
      throw new TokenizerException("MEDAI-TOK-026", "decoder type '" + pipeline.decoderType()
          + "' of this tokenizer.json is not supported; supported: WordPiece, ByteLevel, BPEDecoder");
    }
    AddedVocabulary added = pipeline.added();
    List<String> toks = new ArrayList<>(ids.length);
    for (int id : ids) {
      String t = idToToken(id);
      if (t == null) continue;
      if (skipSpecialTokens && added.isSpecial(t)) continue;
      toks.add(t);
    }
    return pipeline.decoder().decode(toks);
  }
}
