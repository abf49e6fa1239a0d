package org.medai.imaging.io.dicom.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only extraction of compressed frames from an explicit-VR little-endian Part 10 file: finds
 * (7FE0,0010) with undefined length and reads its items; the first item is the basic offset table.
 * Frames follow the offset table when present, else one fragment per frame, else (one frame) all
 * fragments concatenated. Not a DICOM parser: the production reader lives in io.dicom.
 */
final class EncapsulatedFrames {
  private EncapsulatedFrames() {}

  static List<byte[]> read(Path file, int frames) throws IOException {
    byte[] b = Files.readAllBytes(file);
    int p = findPixelData(b);
    List<Integer> fragStart = new ArrayList<>();
    List<byte[]> fragments = new ArrayList<>();
    byte[] bot = null;
    while (p + 8 <= b.length) {
      int group = u16(b, p), elem = u16(b, p + 2);
      long len = u32(b, p + 4);
      if (group == 0xFFFE && elem == 0xE0DD) {
        break;
      }
      if (group != 0xFFFE || elem != 0xE000) {
        throw new IOException("expected an item tag at " + p);
      }
      byte[] item = new byte[(int) len];
      System.arraycopy(b, p + 8, item, 0, (int) len);
      if (bot == null) {
        bot = item;
      } else {
        fragStart.add(p);
        fragments.add(item);
      }
      p += 8 + (int) len;
    }
    List<byte[]> out = new ArrayList<>();
    if (bot != null && bot.length >= 4 * frames && bot.length > 0 && frames > 1) {
      int firstItem = fragStart.get(0);
      for (int f = 0; f < frames; f++) {
        long start = u32(bot, 4 * f) + firstItem;
        long end = f + 1 < frames ? u32(bot, 4 * f + 4) + firstItem : Long.MAX_VALUE;
        out.add(concat(fragments, fragStart, start, end));
      }
    } else if (fragments.size() == frames) {
      out.addAll(fragments);
    } else if (frames == 1) {
      out.add(concat(fragments, fragStart, 0, Long.MAX_VALUE));
    } else {
      throw new IOException(fragments.size() + " fragments for " + frames + " frames without an offset table");
    }
    return out;
  }

  private static byte[] concat(List<byte[]> fragments, List<Integer> starts, long from, long to) {
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < fragments.size(); i++) {
      if (starts.get(i) >= from && starts.get(i) < to) {
        bos.writeBytes(fragments.get(i));
      }
    }
    return bos.toByteArray();
  }

  private static int findPixelData(byte[] b) throws IOException {
    for (int i = 132; i + 12 <= b.length; i++) {
      if ((b[i] & 0xFF) == 0xE0 && (b[i + 1] & 0xFF) == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0
          && (b[i + 4] == 'O') && (b[i + 5] == 'B' || b[i + 5] == 'W') && b[i + 6] == 0 && b[i + 7] == 0
          && u32(b, i + 8) == 0xFFFFFFFFL) {
        return i + 12;
      }
    }
    throw new IOException("no encapsulated (7FE0,0010) found");
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int p) {
    return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
  }
}
