package org.medai.imaging.internal.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The PS3.15 E.1-1 action table, loaded once from {@code deid-basic-profile.tsv}. Immutable. */
public final class DeidProfile {
  /** One row: the basic profile action code (e.g. X, Z, X/Z/D, U) and whether dates may be kept shifted. */
  public record Rule(String action, boolean longitudinal) {
  }

  private record Mask(int value, int mask, Rule rule) {
  }

  private static final class Holder {
    static final DeidProfile INSTANCE = load();
  }

  private final Map<Integer, Rule> exact;
  private final List<Mask> masks;

  private DeidProfile(Map<Integer, Rule> exact, List<Mask> masks) {
    this.exact = exact;
    this.masks = masks;
  }

  public static DeidProfile get() {
    return Holder.INSTANCE;
  }

  /** The rule for a tag, or null when the profile keeps it. */
  public Rule rule(int tag) {
    Rule r = exact.get(tag);
    if (r != null) return r;
    for (Mask m : masks) {
      if ((tag & m.mask()) == m.value()) return m.rule();
    }
    return null;
  }

  /** Number of table rows (for tests and reports). */
  public int size() {
    return exact.size() + masks.size();
  }

  private static DeidProfile load() {
    Map<Integer, Rule> exact = new HashMap<>();
    List<Mask> masks = new ArrayList<>();
    try (InputStream in = DeidProfile.class.getResourceAsStream("/org/medai/imaging/internal/dicom/deid-basic-profile.tsv")) {
      if (in == null) throw new IllegalStateException("missing de-identification profile resource");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] c = line.split("\t");
        Rule rule = new Rule(c[1], c.length > 2 && c[2].equals("L"));
        String t = c[0];
        if (t.indexOf('x') < 0) {
          exact.put((int) Long.parseLong(t, 16), rule);
        } else {
          int value = 0;
          int mask = 0;
          for (int i = 0; i < 8; i++) {
            char ch = t.charAt(i);
            value <<= 4;
            mask <<= 4;
            if (ch != 'x') {
              value |= Character.digit(ch, 16);
              mask |= 0xF;
            }
          }
          masks.add(new Mask(value, mask, rule));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DeidProfile(Map.copyOf(exact), List.copyOf(masks));
  }
}
