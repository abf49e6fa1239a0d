package org.medai.nlp.internal.tokenize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** HuggingFace decoders turning token strings back into text. Immutable and thread-safe. */
public final class Decoders {
  private Decoders() {}

  /** Joins tokens into text. */
  public interface Decoder {
    String decode(List<String> tokens);
  }

  /** WordPiece: glue {@code ##} continuations, space elsewhere, optional English clean-up. */
  public record WordPiece(String prefix, boolean cleanup) implements Decoder {
    @Override
    public String decode(List<String> tokens) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < tokens.size(); i++) {
        String t = tokens.get(i);
        if (i != 0) {
          if (t.startsWith(prefix)) t = t.substring(prefix.length());
          else t = " " + t;
        }
        if (cleanup) t = cleanup(t);
        sb.append(t);
      }
      return sb.toString();
    }

    static String cleanup(String s) {
      return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
          .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m")
          .replace(" do not", " don't").replace(" 's", "'s").replace(" 've", "'ve")
          .replace(" 're", "'re");
    }
  }

  /** ByteLevel: map GPT-2 byte characters back to bytes and decode UTF-8 (lossy). */
  public record ByteLevel() implements Decoder {
    @Override
    public String decode(List<String> tokens) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (String t : tokens) {
        boolean all = true;
        for (int i = 0; i < t.length(); i++) {
          char c = t.charAt(i);
          if (c >= ByteLevelMap.CHAR_BYTE.length || ByteLevelMap.CHAR_BYTE[c] < 0) {
            all = false;
            break;
          }
        }
        if (all) {
          for (int i = 0; i < t.length(); i++) bytes.write(ByteLevelMap.CHAR_BYTE[t.charAt(i)]);
        } else {
          bytes.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        }
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** BPEDecoder: the end-of-word suffix becomes a space (none after the last token). */
  public record Bpe(String suffix) implements Decoder {
    @Override
    public String decode(List<String> tokens) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < tokens.size(); i++) {
        sb.append(tokens.get(i).replace(suffix, i == tokens.size() - 1 ? "" : " "));
      }
      return sb.toString();
    }
  }

  /** No decoder configured: tokens joined by single spaces. */
  public record Join() implements Decoder {
    @Override
    public String decode(List<String> tokens) {
      return String.join(" ", tokens);
    }
  }
}
