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
import java.util.OptionalInt;
import org.medai.imaging.io.dicom.DicomDictionary.Entry;
import org.medai.imaging.io.dicom.VR;

/** Loads the generated dictionary resource once; lookups are lock-free reads of immutable maps. */
public final class DictionaryData {
  private static final String RESOURCE = "/org/medai/imaging/internal/dicom/dicom-dict.tsv";

  private record Range(int gLo, int gHi, char gMode, int eLo, int eHi, char eMode, Entry entry) {
    boolean matches(int g, int e) {
      return g >= gLo && g <= gHi && e >= eLo && e <= eHi && parity(g, gMode) && parity(e, eMode);
    }

    private static boolean parity(int v, char mode) {
      return mode == 'u' || (mode == 'e' ? (v & 1) == 0 : (v & 1) == 1);
    }
  }

  private static final class Holder {
    static final DictionaryData INSTANCE = load();
  }

  private final Map<Integer, Entry> exact;
  private final List<Range> ranges;
  private final Map<String, Integer> byKeyword;

  private DictionaryData(Map<Integer, Entry> exact, List<Range> ranges, Map<String, Integer> byKeyword) {
    this.exact = exact;
    this.ranges = ranges;
    this.byKeyword = byKeyword;
  }

  public static DictionaryData get() {
    return Holder.INSTANCE;
  }

  public Entry lookup(int tag) {
    Entry e = exact.get(tag);
    if (e != null) return e;
    int g = tag >>> 16;
    int el = tag & 0xFFFF;
    if (g != 0xFFFE) {
      for (Range r : ranges) {
        if (r.matches(g, el)) {
          Entry t = r.entry();
          return new Entry(tag, t.vr(), t.vrSpec(), t.vm(), t.keyword(), t.retired());
        }
      }
    }
    if (el == 0 && g != 0xFFFE) return new Entry(tag, VR.UL, "UL", "1", "GenericGroupLength", false);
    if ((g & 1) == 1 && g > 8 && g != 0xFFFF && el >= 0x10 && el <= 0xFF) {
      return new Entry(tag, VR.LO, "LO", "1", "PrivateCreator", false);
    }
    return null;
  }

  public VR vrOf(int tag) {
    Entry e = lookup(tag);
    return e == null || e.vr() == null ? VR.UN : e.vr();
  }

  public OptionalInt tagOf(String keyword) {
    Integer t = byKeyword.get(keyword);
    return t == null ? OptionalInt.empty() : OptionalInt.of(t);
  }

  private static DictionaryData load() {
    Map<Integer, Entry> exact = new HashMap<>(8192);
    List<Range> ranges = new ArrayList<>();
    Map<String, Integer> byKeyword = new HashMap<>(8192);
    try (InputStream in = DictionaryData.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isEmpty() || line.charAt(0) == '#') continue;
        String[] c = line.split("\t");
        String spec = c[1];
        VR vr = spec.equals("NONE") ? null : VR.valueOf(spec.substring(0, 2));
        boolean retired = c.length > 4 && c[4].equals("R");
        String key = c[0];
        if (key.indexOf(',') < 0) {
          int tag = (int) Long.parseLong(key, 16);
          exact.put(tag, new Entry(tag, vr, spec, c[2], c[3], retired));
          byKeyword.putIfAbsent(c[3], tag);
        } else {
          String[] ge = key.split(",");
          int[] g = part(ge[0]);
          int[] e = part(ge[1]);
          ranges.add(new Range(g[0], g[1], (char) g[2], e[0], e[1], (char) e[2],
              new Entry(g[0] << 16 | e[0], vr, spec, c[2], c[3], retired)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DictionaryData(Map.copyOf(exact), List.copyOf(ranges), Map.copyOf(byKeyword));
  }

  private static int[] part(String s) {
    int dash = s.indexOf('-');
    if (dash < 0) {
      int v = Integer.parseInt(s, 16);
      return new int[] {v, v, 'u'};
    }
    int colon = s.indexOf(':');
    return new int[] {Integer.parseInt(s.substring(0, dash), 16), Integer.parseInt(s.substring(dash + 1, colon), 16),
        s.charAt(colon + 1)};
  }
}
