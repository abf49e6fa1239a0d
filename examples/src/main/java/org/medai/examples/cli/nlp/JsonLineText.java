package org.medai.examples.cli.nlp;

/**
 * Reads the {@code "text"} member of one JSON-lines object, validating the whole line as JSON
 * (other members are skipped). Stateless; errors say the character offset, never the content.
 */
final class JsonLineText {
  private final String s;
  private int pos;

  private JsonLineText(String s) {
    this.s = s;
  }

  /** The string value of the top-level member "text", or null when the object has none. */
  static String text(String line) {
    JsonLineText r = new JsonLineText(line);
    r.ws();
    if (r.peek() != '{') throw new IllegalArgumentException("expected a JSON object at character " + r.pos);
    String text = r.object(true);
    r.ws();
    if (r.pos != line.length()) throw new IllegalArgumentException("trailing content at character " + r.pos);
    return text;
  }

  private char peek() {
    if (pos >= s.length()) throw new IllegalArgumentException("unexpected end of line at character " + pos);
    return s.charAt(pos);
  }

  private void ws() {
    while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) pos++;
  }

  private void expect(char c) {
    if (peek() != c) throw new IllegalArgumentException("expected '" + c + "' at character " + pos);
    pos++;
  }

  private String object(boolean top) {
    expect('{');
    String text = null;
    ws();
    if (peek() == '}') {
      pos++;
      return null;
    }
    while (true) {
      ws();
      String key = string();
      ws();
      expect(':');
      ws();
      if (top && key.equals("text") && peek() == '"') text = string();
      else value();
      ws();
      char c = peek();
      pos++;
      if (c == '}') return text;
      if (c != ',') throw new IllegalArgumentException("expected ',' or '}' at character " + (pos - 1));
    }
  }

  private void value() {
    char c = peek();
    if (c == '{') {
      object(false);
    } else if (c == '[') {
      pos++;
      ws();
      if (peek() == ']') {
        pos++;
        return;
      }
      while (true) {
        ws();
        value();
        ws();
        char d = peek();
        pos++;
        if (d == ']') return;
        if (d != ',') throw new IllegalArgumentException("expected ',' or ']' at character " + (pos - 1));
      }
    } else if (c == '"') {
      string();
    } else {
      int start = pos;
      while (pos < s.length() && "{}[],: \t\r\n\"".indexOf(s.charAt(pos)) < 0) pos++;
      String lit = s.substring(start, pos);
      if (!lit.equals("true") && !lit.equals("false") && !lit.equals("null")
          && !lit.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
        throw new IllegalArgumentException("bad literal at character " + start);
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = peek();
      pos++;
      if (c == '"') return sb.toString();
      if (c < 0x20) throw new IllegalArgumentException("control character in string at character " + (pos - 1));
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = peek();
      pos++;
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) throw new IllegalArgumentException("truncated \\u escape at character " + pos);
          try {
            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("bad \\u escape at character " + pos);
          }
          pos += 4;
        }
        default -> throw new IllegalArgumentException("unknown escape at character " + (pos - 1));
      }
    }
  }
}
