package org.medai.nlp.internal.tokenize;

import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.medai.nlp.tokenize.AddedToken;
import org.medai.nlp.tokenize.Padding;
import org.medai.nlp.tokenize.TokenizerException;
import org.medai.nlp.tokenize.Truncation;

/**
 * Builds a {@link Pipeline} from a parsed HuggingFace {@code tokenizer.json} or a BERT
 * {@code vocab.txt}. Unsupported component types fail with the type's name. Stateless.
 */
public final class PipelineLoader {
  private PipelineLoader() {}

  private static TokenizerException bad(String what) {
    return new TokenizerException("MEDAI-TOK-002", "tokenizer.json " + what);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String field) {
    if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw bad("field '" + field + "' must be an object");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o, String field) {
    if (o instanceof List<?> l) return (List<Object>) l;
    throw bad("field '" + field + "' must be an array");
  }

  private static String str(Map<String, Object> m, String k, String def) {
    Object o = m.get(k);
    if (o == null) return def;
    if (o instanceof String s) return s;
    throw bad("field '" + k + "' must be a string");
  }

  private static boolean bool(Map<String, Object> m, String k, boolean def) {
    Object o = m.get(k);
    if (o == null) return def;
    if (o instanceof Boolean b) return b;
    throw bad("field '" + k + "' must be a boolean");
  }

  private static int integer(Map<String, Object> m, String k, int def) {
    Object o = m.get(k);
    if (o == null) return def;
    if (o instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return (int) (long) l;
    throw bad("field '" + k + "' must be an integer");
  }

  /** Builds the pipeline from the parsed JSON document. */
  public static Pipeline fromJson(Object doc) {
    try {
      return build(doc);
    } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new TokenizerException("MEDAI-TOK-002", "tokenizer.json has a missing field or a field of the wrong "
          + "type (" + e.getClass().getSimpleName() + "); check it against the HuggingFace tokenizers format", e);
    }
  }

  private static Pipeline build(Object doc) {
    Map<String, Object> root = map(doc, "<root>");
    Normalizers.Normalizer normalizer = root.get("normalizer") == null ? null
        : normalizer(map(root.get("normalizer"), "normalizer"));
    PreTokenizers.PreTokenizer pre = root.get("pre_tokenizer") == null ? null
        : preTokenizer(map(root.get("pre_tokenizer"), "pre_tokenizer"));
    Model model = model(map(root.get("model"), "model"));
    List<AddedToken> added = new ArrayList<>();
    if (root.get("added_tokens") != null) {
      for (Object o : list(root.get("added_tokens"), "added_tokens")) {
        Map<String, Object> t = map(o, "added_tokens[]");
        added.add(new AddedToken(integer(t, "id", -1), str(t, "content", ""),
            bool(t, "single_word", false), bool(t, "lstrip", false), bool(t, "rstrip", false),
            bool(t, "normalized", true), bool(t, "special", false)));
      }
    }
    PostSpec post = root.get("post_processor") == null ? PostSpec.NONE
        : post(map(root.get("post_processor"), "post_processor"));
    Decoders.Decoder decoder = null;
    String decoderType = "none";
    if (root.get("decoder") == null) {
      decoder = new Decoders.Join();
    } else {
      Map<String, Object> d = map(root.get("decoder"), "decoder");
      decoderType = str(d, "type", "");
      decoder = switch (decoderType) {
        case "WordPiece" -> new Decoders.WordPiece(str(d, "prefix", "##"), bool(d, "cleanup", true));
        case "ByteLevel" -> new Decoders.ByteLevel();
        case "BPEDecoder" -> new Decoders.Bpe(str(d, "suffix", "</w>"));
        default -> null;
      };
    }
    Truncation trunc = null;
    if (root.get("truncation") != null) {
      Map<String, Object> t = map(root.get("truncation"), "truncation");
      trunc = new Truncation(integer(t, "max_length", 512), integer(t, "stride", 0),
          switch (str(t, "strategy", "LongestFirst")) {
            case "OnlyFirst" -> Truncation.Strategy.ONLY_FIRST;
            case "OnlySecond" -> Truncation.Strategy.ONLY_SECOND;
            default -> Truncation.Strategy.LONGEST_FIRST;
          },
          "Left".equals(str(t, "direction", "Right")) ? Truncation.Direction.LEFT : Truncation.Direction.RIGHT);
    }
    Padding pad = null;
    if (root.get("padding") != null) {
      Map<String, Object> p = map(root.get("padding"), "padding");
      int fixed = 0;
      Object st = p.get("strategy");
      if (st instanceof Map<?, ?> sm && sm.get("Fixed") instanceof Long f) fixed = (int) (long) f;
      pad = new Padding(fixed, integer(p, "pad_to_multiple_of", 0), "Left".equals(str(p, "direction", "Right")),
          integer(p, "pad_id", 0), integer(p, "pad_type_id", 0), str(p, "pad_token", "[PAD]"));
    }
    return new Pipeline(normalizer, pre, model, new AddedVocabulary(added, normalizer), post, decoder,
        decoderType, trunc, pad, List.of());
  }

  static Normalizers.Normalizer normalizer(Map<String, Object> m) {
    String type = str(m, "type", "");
    return switch (type) {
      case "BertNormalizer" -> {
        boolean lower = bool(m, "lowercase", true);
        Object sa = m.get("strip_accents");
        boolean strip = sa == null ? lower : (Boolean) sa;
        yield new Normalizers.Bert(bool(m, "clean_text", true), bool(m, "handle_chinese_chars", true), strip, lower);
      }
      case "Lowercase" -> new Normalizers.Lowercase();
      case "StripAccents" -> new Normalizers.StripAccents();
      case "NFD" -> new Normalizers.Decompose(Form.NFD);
      case "NFKD" -> new Normalizers.Decompose(Form.NFKD);
      case "NFC" -> new Normalizers.Compose(Form.NFC);
      case "NFKC" -> new Normalizers.Compose(Form.NFKC);
      case "Prepend" -> new Normalizers.Prepend(str(m, "prepend", ""));
      case "Strip" -> new Normalizers.Strip(bool(m, "strip_left", true), bool(m, "strip_right", true));
      case "Replace" -> new Normalizers.Replace(pattern(map(m.get("pattern"), "pattern")), str(m, "content", ""));
      case "Sequence" -> {
        List<Normalizers.Normalizer> steps = new ArrayList<>();
        for (Object o : list(m.get("normalizers"), "normalizers")) steps.add(normalizer(map(o, "normalizers[]")));
        yield new Normalizers.Sequence(steps);
      }
      default -> throw bad("normalizer type '" + type + "' is not supported; supported: BertNormalizer, "
          + "Lowercase, StripAccents, NFD, NFKD, NFC, NFKC, Prepend, Strip, Replace, Sequence");
    };
  }

  private static Pattern pattern(Map<String, Object> p) {
    if (p.get("String") instanceof String s) return Pattern.compile(Pattern.quote(s));
    if (p.get("Regex") instanceof String r) {
      try {
        return Pattern.compile(r);
      } catch (RuntimeException ex) {
        throw bad("regex pattern is not valid for java.util.regex (" + ex.getClass().getSimpleName() + ")");
      }
    }
    throw bad("pattern must have a 'String' or 'Regex' member");
  }

  private static PreTokenizers.Behavior behavior(String s) {
    return switch (s) {
      case "Removed" -> PreTokenizers.Behavior.REMOVED;
      case "MergedWithPrevious" -> PreTokenizers.Behavior.MERGED_WITH_PREVIOUS;
      case "MergedWithNext" -> PreTokenizers.Behavior.MERGED_WITH_NEXT;
      case "Contiguous" -> PreTokenizers.Behavior.CONTIGUOUS;
      default -> PreTokenizers.Behavior.ISOLATED;
    };
  }

  static PreTokenizers.PreTokenizer preTokenizer(Map<String, Object> m) {
    String type = str(m, "type", "");
    return switch (type) {
      case "BertPreTokenizer" -> new PreTokenizers.Bert();
      case "Whitespace" -> new PreTokenizers.Whitespace();
      case "WhitespaceSplit" -> new PreTokenizers.WhitespaceSplit();
      case "ByteLevel" -> new PreTokenizers.ByteLevel(bool(m, "add_prefix_space", true), bool(m, "use_regex", true));
      case "Punctuation" -> new PreTokenizers.Punctuation(behavior(str(m, "behavior", "Isolated")));
      case "Split" -> new PreTokenizers.Split(pattern(map(m.get("pattern"), "pattern")),
          behavior(str(m, "behavior", "Isolated")), bool(m, "invert", false));
      case "Sequence" -> {
        List<PreTokenizers.PreTokenizer> steps = new ArrayList<>();
        for (Object o : list(m.get("pretokenizers"), "pretokenizers")) steps.add(preTokenizer(map(o, "pretokenizers[]")));
        yield new PreTokenizers.Sequence(steps);
      }
      default -> throw bad("pre_tokenizer type '" + type + "' is not supported; supported: BertPreTokenizer, "
          + "Whitespace, WhitespaceSplit, ByteLevel, Punctuation, Split, Sequence");
    };
  }

  static Map<String, Integer> vocab(Object o) {
    Map<String, Object> v = map(o, "model.vocab");
    Map<String, Integer> r = new LinkedHashMap<>(v.size() * 2);
    for (Map.Entry<String, Object> e : v.entrySet()) {
      if (!(e.getValue() instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) throw bad("model.vocab ids must be non-negative integers");
      r.put(e.getKey(), (int) (long) l);
    }
    return r;
  }

  static Model model(Map<String, Object> m) {
    String type = str(m, "type", m.containsKey("merges") ? "BPE" : "WordPiece");
    switch (type) {
      case "WordPiece":
        return new WordPieceModel(vocab(m.get("vocab")), str(m, "unk_token", "[UNK]"),
            str(m, "continuing_subword_prefix", "##"), integer(m, "max_input_chars_per_word", 100));
      case "BPE": {
        if (m.get("dropout") instanceof Double d && d > 0 && d < 1) {
          throw bad("BPE dropout " + d + " is not supported (medai tokenizes deterministically); set it to null");
        }
        List<String[]> merges = new ArrayList<>();
        for (Object o : list(m.get("merges"), "model.merges")) {
          if (o instanceof String s) {
            int sp = s.indexOf(' ');
            if (sp < 0) throw bad("BPE merge '" + "<entry " + merges.size() + ">' has no space separator");
            merges.add(new String[] {s.substring(0, sp), s.substring(sp + 1)});
          } else {
            List<Object> pair = list(o, "model.merges[]");
            if (pair.size() != 2) throw bad("BPE merge entry " + merges.size() + " must have two parts");
            merges.add(new String[] {(String) pair.get(0), (String) pair.get(1)});
          }
        }
        return new BpeModel(vocab(m.get("vocab")), merges, str(m, "unk_token", null),
            str(m, "continuing_subword_prefix", null), str(m, "end_of_word_suffix", null),
            bool(m, "fuse_unk", false), bool(m, "byte_fallback", false), bool(m, "ignore_merges", false));
      }
      default:
        throw bad("model type '" + type + "' is not supported; supported: WordPiece, BPE");
    }
  }

  @SuppressWarnings("unchecked")
  static PostSpec post(Map<String, Object> m) {
    String type = str(m, "type", "");
    switch (type) {
      case "BertProcessing":
      case "RobertaProcessing": {
        List<Object> cls = list(m.get("cls"), "cls");
        List<Object> sep = list(m.get("sep"), "sep");
        boolean roberta = type.equals("RobertaProcessing");
        return new PostSpec(new int[] {(int) (long) (Long) cls.get(1)}, new String[] {(String) cls.get(0)},
            new int[] {0}, new int[] {(int) (long) (Long) sep.get(1)}, new String[] {(String) sep.get(0)},
            new int[] {0}, 0, roberta && bool(m, "trim_offsets", true), roberta && bool(m, "add_prefix_space", true));
      }
      case "ByteLevel":
        return new PostSpec(new int[0], new String[0], new int[0], new int[0], new String[0], new int[0], 0,
            bool(m, "trim_offsets", true), bool(m, "add_prefix_space", true));
      case "TemplateProcessing": {
        Map<String, Object> specials = map(m.get("special_tokens"), "special_tokens");
        List<Integer> preIds = new ArrayList<>();
        List<String> preToks = new ArrayList<>();
        List<Integer> preTypes = new ArrayList<>();
        List<Integer> postIds = new ArrayList<>();
        List<String> postToks = new ArrayList<>();
        List<Integer> postTypes = new ArrayList<>();
        int seqType = 0;
        boolean seen = false;
        for (Object o : list(m.get("single"), "single")) {
          Map<String, Object> piece = map(o, "single[]");
          if (piece.get("Sequence") != null) {
            if (seen) throw bad("TemplateProcessing single template has two sequences");
            seen = true;
            seqType = integer(map(piece.get("Sequence"), "Sequence"), "type_id", 0);
          } else {
            Map<String, Object> sp = map(piece.get("SpecialToken"), "SpecialToken");
            String name = str(sp, "id", "");
            int typeId = integer(sp, "type_id", 0);
            Map<String, Object> def = map(specials.get(name), "special_tokens." + "<entry>");
            List<Object> ids = list(def.get("ids"), "ids");
            List<Object> toks = list(def.get("tokens"), "tokens");
            for (int i = 0; i < ids.size(); i++) {
              (seen ? postIds : preIds).add((int) (long) (Long) ids.get(i));
              (seen ? postToks : preToks).add((String) toks.get(i));
              (seen ? postTypes : preTypes).add(typeId);
            }
          }
        }
        return new PostSpec(ints(preIds), preToks.toArray(new String[0]), ints(preTypes), ints(postIds),
            postToks.toArray(new String[0]), ints(postTypes), seqType, false, false);
      }
      case "Sequence": {
        PostSpec spec = PostSpec.NONE;
        for (Object o : list(m.get("processors"), "processors")) spec = spec.then(post(map(o, "processors[]")));
        return spec;
      }
      default:
        throw bad("post_processor type '" + type + "' is not supported; supported: TemplateProcessing, "
            + "BertProcessing, RobertaProcessing, ByteLevel, Sequence");
    }
  }

  private static int[] ints(List<Integer> l) {
    int[] r = new int[l.size()];
    for (int i = 0; i < r.length; i++) r[i] = l.get(i);
    return r;
  }

  /**
   * A BERT pipeline from {@code vocab.txt} lines (one token per line, id = line number), with an
   * explicit lower-case choice. Warns when a cased-looking vocabulary is lower-cased or the reverse.
   */
  public static Pipeline fromVocabTxt(List<String> lines, boolean lowerCase) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String tok = lines.get(i).stripTrailing();
      if (!tok.isEmpty()) vocab.putIfAbsent(tok, i);
    }
    for (String req : new String[] {"[UNK]", "[CLS]", "[SEP]"}) {
      if (!vocab.containsKey(req)) {
        throw new TokenizerException("MEDAI-TOK-003", "vocab.txt has no " + req
            + " entry; it is not a BERT WordPiece vocabulary");
      }
    }
    int alpha = 0;
    int upper = 0;
    for (String k : vocab.keySet()) {
      if (k.startsWith("[") && k.endsWith("]")) continue;
      boolean hasLetter = false;
      boolean hasUpper = false;
      for (int i = 0; i < k.length(); i++) {
        char c = k.charAt(i);
        if (Character.isLetter(c)) hasLetter = true;
        if (Character.isUpperCase(c)) hasUpper = true;
      }
      if (hasLetter) alpha++;
      if (hasUpper) upper++;
    }
    List<String> warnings = new ArrayList<>();
    double frac = alpha == 0 ? 0 : upper / (double) alpha;
    if (lowerCase && frac > 0.02) {
      warnings.add(String.format("vocabulary looks cased (%d of %d alphabetic entries contain upper-case "
          + "letters) but lowerCase=true: those entries can never match and words split into more pieces "
          + "than the model saw in training (the Bio_ClinicalBERT trap); pass lowerCase=false for a cased model",
          upper, alpha));
    } else if (!lowerCase && alpha > 0 && frac < 0.001) {
      warnings.add(String.format("vocabulary looks uncased (%d of %d alphabetic entries have upper-case "
          + "letters) but lowerCase=false: capitalised words will split into [UNK] or extra pieces; "
          + "pass lowerCase=true for an uncased model", upper, alpha));
    }
    List<AddedToken> added = new ArrayList<>();
    for (String sp : new String[] {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}) {
      Integer id = vocab.get(sp);
      if (id != null) added.add(new AddedToken(id, sp, false, false, false, false, true));
    }
    added.sort((a, b) -> Integer.compare(a.id(), b.id()));
    Normalizers.Normalizer norm = new Normalizers.Bert(true, true, lowerCase, lowerCase);
    PostSpec post = new PostSpec(new int[] {vocab.get("[CLS]")}, new String[] {"[CLS]"}, new int[] {0},
        new int[] {vocab.get("[SEP]")}, new String[] {"[SEP]"}, new int[] {0}, 0, false, false);
    return new Pipeline(norm, new PreTokenizers.Bert(), new WordPieceModel(vocab, "[UNK]", "##", 100),
        new AddedVocabulary(added, norm), post, new Decoders.WordPiece("##", true), "WordPiece", null, null,
        warnings);
  }
}
