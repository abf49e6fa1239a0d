package org.medai.nlp.internal.tokenize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medai.nlp.tokenize.TokenizerException;

/**
 * A small strict JSON parser producing {@code Map<String,Object>} (insertion ordered),
 * {@code List<Object>}, {@code String}, {@code Long}, {@code Double}, {@code Boolean} and
 * {@code null}. Enough for HuggingFace {@code tokenizer.json}; errors carry the character offset
 * only, never the document's content. Not thread-safe (one instance per parse).
 */
public final class JsonReader {
  private static final int MAX_DEPTH = 256;
  private final String s;
  private int pos;
  private int depth;

  private JsonReader(String s) {
    this.s = s;
  }

  /** Parses one JSON value that must span the whole input (surrounding whitespace allowed). */
  public static Object parse(String json) {
    JsonReader r = new JsonReader(json);
    r.skipWs();
    Object v = r.value();
    r.skipWs();
    if (r.pos != json.length()) throw r.error("trailing content after the JSON value");
    return v;
  }

  private TokenizerException error(String what) {
    return new TokenizerException("MEDAI-TOK-001",
        "tokenizer JSON is malformed at character " + pos + ": " + what
            + "; check that the file is a complete HuggingFace tokenizer.json");
  }

  private void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') pos++;
      else break;
    }
  }

  private Object value() {
    if (pos >= s.length()) throw error("unexpected end of input");
    char c = s.charAt(pos);
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw error("unexpected character");
    }
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, pos)) throw error("expected " + word);
    pos += word.length();
    return v;
  }

  private Map<String, Object> object() {
    if (++depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    skipWs();
    if (peek() == '}') {
      pos++;
      depth--;
      return m;
    }
    while (true) {
      skipWs();
      if (peek() != '"') throw error("expected a member name");
      String k = string();
      skipWs();
      if (peek() != ':') throw error("expected ':'");
      pos++;
      skipWs();
      m.put(k, value());
      skipWs();
      char c = peek();
      pos++;
      if (c == '}') break;
      if (c != ',') throw error("expected ',' or '}'");
    }
    depth--;
    return m;
  }

  private List<Object> array() {
    if (++depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
    pos++;
    List<Object> l = new ArrayList<>();
    skipWs();
    if (peek() == ']') {
      pos++;
      depth--;
      return l;
    }
    while (true) {
      skipWs();
      l.add(value());
      skipWs();
      char c = peek();
      pos++;
      if (c == ']') break;
      if (c != ',') throw error("expected ',' or ']'");
    }
    depth--;
    return l;
  }

  private char peek() {
    if (pos >= s.length()) throw error("unexpected end of input");
    return s.charAt(pos);
  }

  private String string() {
    pos++;
    int start = pos;
    // Fast path: no escapes.
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '"') {
        String r = s.substring(start, pos);
        pos++;
        return r;
      }
      if (c == '\\') break;
      if (c < 0x20) throw error("control character in string");
      pos++;
    }
    StringBuilder sb = new StringBuilder(s.subSequence(start, pos));
    while (true) {
      if (pos >= s.length()) throw error("unterminated string");
      char c = s.charAt(pos++);
      if (c == '"') return sb.toString();
      if (c < 0x20) throw error("control character in string");
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= s.length()) throw error("unterminated escape");
      char e = s.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) throw error("truncated \\u escape");
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos++), 16);
            if (d < 0) throw error("bad hex digit in \\u escape");
            v = v * 16 + d;
          }
          sb.append((char) v);
        }
        default -> throw error("unknown escape");
      }
    }
  }

  private Object number() {
    int start = pos;
    if (s.charAt(pos) == '-') pos++;
    boolean frac = false;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c >= '0' && c <= '9') pos++;
      else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        frac = true;
        pos++;
      } else break;
    }
    String t = s.substring(start, pos);
    try {
      if (!frac) return Long.parseLong(t);
      return Double.parseDouble(t);
    } catch (NumberFormatException ex) {
      pos = start;
      throw error("bad number");
    }
  }
}
