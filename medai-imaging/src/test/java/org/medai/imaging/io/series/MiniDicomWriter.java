package org.medai.imaging.io.series;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Test-only encoder of explicit VR little endian Part 10 files, written from PS3.5 §7.1.2 and §7.5
 * (element and sequence encoding), so multi-frame test objects come from known geometry without
 * depending on the reader under test. Elements must be appended in ascending tag order.
 */
final class MiniDicomWriter {
  private static final Set<String> LONG_VR = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  MiniDicomWriter element(int tag, String vr, byte[] value) {
    byte[] v = value;
    if ((v.length & 1) == 1) {
      v = java.util.Arrays.copyOf(v, v.length + 1);
      v[v.length - 1] = (byte) (vr.equals("UI") || vr.equals("OB") ? 0 : ' ');
    }
    header(tag, vr, v.length);
    out.writeBytes(v);
    return this;
  }

  MiniDicomWriter str(int tag, String vr, String s) {
    return element(tag, vr, s.getBytes(StandardCharsets.US_ASCII));
  }

  MiniDicomWriter us(int tag, int v) {
    return element(tag, "US", le(2).putShort((short) v).array());
  }

  MiniDicomWriter ul(int tag, long v) {
    return element(tag, "UL", le(4).putInt((int) v).array());
  }

  MiniDicomWriter ds(int tag, double... v) {
    StringBuilder sb = new StringBuilder();
    for (double d : v) {
      if (sb.length() > 0) sb.append('\\');
      String s = Double.toString(d);
      if (s.length() > 16) s = String.format(java.util.Locale.ROOT, "%.10g", d);
      sb.append(s);
    }
    return str(tag, "DS", sb.toString());
  }

  /** A sequence of undefined length whose items (each an encoded dataset) have undefined length. */
  MiniDicomWriter sequence(int tag, byte[]... items) {
    header(tag, "SQ", 0xFFFFFFFFL);
    for (byte[] item : items) {
      tagOnly(0xFFFEE000);
      out.writeBytes(le(4).putInt(-1).array());
      out.writeBytes(item);
      tagOnly(0xFFFEE00D);
      out.writeBytes(new byte[4]);
    }
    tagOnly(0xFFFEE0DD);
    out.writeBytes(new byte[4]);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** Preamble, "DICM", group 0002 with its group length, then {@code dataset}. */
  static byte[] part10(String sopClass, String sopInstance, byte[] dataset) {
    MiniDicomWriter meta = new MiniDicomWriter()
        .element(0x00020001, "OB", new byte[] {0, 1})
        .str(0x00020002, "UI", sopClass)
        .str(0x00020003, "UI", sopInstance)
        .str(0x00020010, "UI", "1.2.840.10008.1.2.1");
    byte[] m = meta.bytes();
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.writeBytes(new byte[128]);
    f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    f.writeBytes(new MiniDicomWriter().ul(0x00020000, m.length).bytes());
    f.writeBytes(m);
    f.writeBytes(dataset);
    return f.toByteArray();
  }

  private void header(int tag, String vr, long length) {
    tagOnly(tag);
    out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
    if (LONG_VR.contains(vr)) {
      out.writeBytes(new byte[2]);
      out.writeBytes(le(4).putInt((int) length).array());
    } else {
      out.writeBytes(le(2).putShort((short) length).array());
    }
  }

  private void tagOnly(int tag) {
    out.writeBytes(le(4).putShort((short) (tag >>> 16)).putShort((short) tag).array());
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
