package org.medai.nlp.internal.tokenize;

import java.util.List;
import org.medai.nlp.tokenize.Padding;
import org.medai.nlp.tokenize.Truncation;

/**
 * The assembled tokenizer pipeline (added tokens, normaliser, pre-tokenizer, model,
 * post-processor, decoder) and the defaults from the file (truncation, padding). Immutable and
 * thread-safe; {@link #tokenize} allocates only its own working buffers.
 *
 * @param normalizer may be null
 * @param preTokenizer may be null
 * @param decoder may be null when the file's decoder is not supported ({@code decoderType} says which)
 * @param truncation may be null
 * @param padding may be null
 * @param warnings load-time warnings (for example a cased-looking vocabulary being lower-cased)
 */
public record Pipeline(Normalizers.Normalizer normalizer, PreTokenizers.PreTokenizer preTokenizer,
    Model model, AddedVocabulary added, PostSpec post, Decoders.Decoder decoder, String decoderType,
    Truncation truncation, Padding padding, List<String> warnings) {

  public Pipeline {
    warnings = List.copyOf(warnings);
  }

  /** Runs everything up to (not including) truncation and post-processing. */
  public TokenSink tokenize(String text) {
    TokenSink sink = new TokenSink(text.length() / 3 + 16);
    IntList pieces = added.splitRaw(text);
    if (pieces == null) {
      segment(text, 0, text.length(), sink);
    } else {
      for (int i = 0; i < pieces.size; i += 3) {
        int s = pieces.a[i];
        int e = pieces.a[i + 1];
        int id = pieces.a[i + 2];
        if (id >= 0) sink.add(id, text.substring(s, e), s, e);
        else segment(text, s, e, sink);
      }
    }
    return sink;
  }

  private void segment(String text, int s, int e, TokenSink sink) {
    Text t = normalizer != null ? normalizer.normalize(text, s, e) : Text.of(text, s, e);
    if (added.hasNormalized()) {
      IntList p = added.splitNormalized(t);
      if (p != null) {
        for (int i = 0; i < p.size; i += 3) {
          int a = p.a[i];
          int b = p.a[i + 1];
          int id = p.a[i + 2];
          if (id >= 0) sink.add(id, t.string(a, b), t.start[a], t.end[b - 1]);
          else words(t.slice(a, b), sink);
        }
        return;
      }
    }
    words(t, sink);
  }

  private void words(Text t, TokenSink sink) {
    if (t.len == 0) return;
    boolean byteLevel = false;
    IntList ranges = new IntList(t.len / 2 + 8);
    if (preTokenizer != null) {
      t = preTokenizer.prepare(t);
      preTokenizer.split(t, 0, t.len, ranges);
      byteLevel = preTokenizer.byteLevel();
    } else {
      ranges.add(0, t.len);
    }
    for (int i = 0; i < ranges.size; i += 2) {
      model.tokenize(t, ranges.a[i], ranges.a[i + 1], byteLevel, sink);
    }
  }
}
