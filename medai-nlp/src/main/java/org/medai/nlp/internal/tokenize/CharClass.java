package org.medai.nlp.internal.tokenize;

/**
 * Character predicates with the exact semantics of the HuggingFace tokenizers (Rust {@code char})
 * functions, precomputed for the Basic Multilingual Plane. Stateless and thread-safe.
 */
public final class CharClass {
  private CharClass() {}

  private static final int WS = 1;          // Rust char::is_whitespace (Unicode White_Space)
  private static final int OTHER = 2;       // Cc, Cf, Co (as the unicode_categories crate)
  private static final int PUNCT = 4;       // general category P*
  private static final int BERT_PUNCT = 8;  // ASCII punctuation or P*
  private static final int LETTER = 16;     // L*
  private static final int NUMBER = 32;     // N*
  private static final int MN = 64;         // Mn
  private static final int MARK = 128;      // M*

  private static final byte[] BMP = new byte[0x10000];

  static {
    for (int c = 0; c < 0x10000; c++) BMP[c] = (byte) compute(c);
  }

  private static int compute(int c) {
    int f = 0;
    if (isWhiteSpaceProperty(c)) f |= WS;
    int t = Character.getType(c);
    switch (t) {
      // HF's is_other (unicode_categories crate) is Cc, Cf and Co only: unassigned code points
      // and surrogates are kept, so characters newer than the JDK's Unicode tables survive too.
      case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE -> f |= OTHER;
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> f |= PUNCT | BERT_PUNCT;
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER -> f |= LETTER;
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> f |= NUMBER;
      case Character.NON_SPACING_MARK -> f |= MN | MARK;
      case Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> f |= MARK;
      default -> { }
    }
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
      f |= BERT_PUNCT;
    }
    return f;
  }

  private static boolean isWhiteSpaceProperty(int c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000;
  }

  private static int flags(int c) {
    return c < 0x10000 ? BMP[c] & 0xFF : compute(c);
  }

  /** Rust {@code char::is_whitespace}. */
  public static boolean isWhitespace(int c) {
    return (flags(c) & WS) != 0;
  }

  /** Cc, Cf or Co: the {@code unicode_categories} crate's {@code is_other} that HF BERT uses. */
  public static boolean isOther(int c) {
    return (flags(c) & OTHER) != 0;
  }

  /** BERT's punctuation: ASCII punctuation or any P* category. */
  public static boolean isBertPunct(int c) {
    return (flags(c) & BERT_PUNCT) != 0;
  }

  /** Any P* category. */
  public static boolean isPunctuation(int c) {
    return (flags(c) & PUNCT) != 0;
  }

  public static boolean isLetter(int c) {
    return (flags(c) & LETTER) != 0;
  }

  public static boolean isNumber(int c) {
    return (flags(c) & NUMBER) != 0;
  }

  public static boolean isNonSpacingMark(int c) {
    return (flags(c) & MN) != 0;
  }

  /** Oniguruma's {@code \w}: letters, marks, decimal digits, connector punctuation. */
  public static boolean isWordChar(int c) {
    if ((flags(c) & (LETTER | MARK)) != 0) return true;
    int t = Character.getType(c);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.CONNECTOR_PUNCTUATION;
  }

  /** The CJK ideograph blocks BERT surrounds with spaces. */
  public static boolean isChinese(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
