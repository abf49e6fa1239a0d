package org.medai.imaging.internal.dicom;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.BulkData;
import org.medai.imaging.io.dicom.DicomFormatException;

/**
 * Groups encapsulated fragments into frames (PS3.5 A.4): by the extended offset table, by the
 * basic offset table, one fragment per frame when the counts match, else by scanning for frame
 * start markers (JPEG SOI, JPEG 2000 SOC, JP2 signature). Stateless.
 */
public final class FrameSplitter {
  private FrameSplitter() {
  }

  /**
   * Fragment index ranges per frame: {@code result[k] = {firstFragment, endFragmentExclusive}},
   * indices into {@code fragments} (index 0 is the basic offset table).
   *
   * @param extendedOffsets byte offsets from (7FE0,0001), or null
   */
  public static int[][] split(List<BulkData> fragments, int frames, long[] extendedOffsets, ReadLimits limits,
                              long elementOffset) {
    int nFrag = fragments.size() - 1;
    if (frames <= 0) {
      throw new DicomFormatException("MEDAI-DICOM-031", elementOffset,
          "NumberOfFrames is %d; expected at least 1".formatted(frames));
    }
    if (nFrag < 1) {
      throw new DicomFormatException("MEDAI-DICOM-032", elementOffset,
          "encapsulated pixel data has no fragment after the offset table; expected at least one per frame");
    }
    // item-header offset of each fragment, relative to the first fragment after the offset table
    long[] itemOffsets = new long[nFrag + 1];
    for (int i = 0; i < nFrag; i++) itemOffsets[i + 1] = itemOffsets[i] + 8 + fragments.get(i + 1).length();
    long[] offsets = extendedOffsets;
    if (offsets == null) {
      BulkData bot = fragments.get(0);
      if (bot.length() > 0) {
        if (bot.length() % 4 != 0 || bot.length() / 4 != frames) {
          throw new DicomFormatException("MEDAI-DICOM-033", bot.offset(),
              "basic offset table holds %d bytes; expected 4 bytes for each of the %d frames".formatted(bot.length(), frames));
        }
        byte[] b = bot.bytes(limits);
        offsets = new long[frames];
        for (int k = 0; k < frames; k++) offsets[k] = Bytes.i32(b, 4 * k) & 0xFFFFFFFFL;
      }
    }
    int[][] out = new int[frames][];
    if (offsets != null) {
      if (offsets.length != frames) {
        throw new DicomFormatException("MEDAI-DICOM-034", elementOffset,
            "offset table lists %d frames; expected NumberOfFrames=%d".formatted(offsets.length, frames));
      }
      int[] start = new int[frames + 1];
      for (int k = 0; k < frames; k++) {
        int idx = indexOf(itemOffsets, nFrag, offsets[k]);
        if (idx < 0 || (k > 0 && idx <= start[k - 1] - 1)) {
          throw new DicomFormatException("MEDAI-DICOM-035", elementOffset,
              "offset table entry %d (%d) does not point at a fragment in increasing order; expected fragment item offsets"
                  .formatted(k, offsets[k]));
        }
        start[k] = idx + 1;
      }
      start[frames] = nFrag + 1;
      for (int k = 0; k < frames; k++) {
        if (start[k + 1] <= start[k]) {
          throw new DicomFormatException("MEDAI-DICOM-035", elementOffset,
              "offset table entries %d and %d point at the same fragment; expected increasing offsets".formatted(k, k + 1));
        }
        out[k] = new int[] {start[k], start[k + 1]};
      }
      return out;
    }
    if (frames == 1) {
      out[0] = new int[] {1, nFrag + 1};
      return out;
    }
    if (nFrag == frames) {
      for (int k = 0; k < frames; k++) out[k] = new int[] {k + 1, k + 2};
      return out;
    }
    List<Integer> starts = new ArrayList<>();
    for (int i = 1; i <= nFrag; i++) {
      BulkData f = fragments.get(i);
      byte[] head = f.range(0, (int) Math.min(12, f.length()), limits);
      if (i == 1 || isFrameStart(head)) starts.add(i);
    }
    if (starts.size() != frames) {
      throw new DicomFormatException("MEDAI-DICOM-036", elementOffset,
          "%d fragments without an offset table start %d frames (by SOI/SOC markers); expected NumberOfFrames=%d"
              .formatted(nFrag, starts.size(), frames));
    }
    for (int k = 0; k < frames; k++) {
      out[k] = new int[] {starts.get(k), k + 1 < frames ? starts.get(k + 1) : nFrag + 1};
    }
    return out;
  }

  /** Concatenates the fragments {@code [from, to)} into one frame's compressed bytes. */
  public static byte[] frameBytes(List<BulkData> fragments, int from, int to, ReadLimits limits) {
    if (to - from == 1) return fragments.get(from).bytes(limits);
    long total = 0;
    for (int i = from; i < to; i++) total += fragments.get(i).length();
    limits.checkLength("compressed frame", total, total);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
    for (int i = from; i < to; i++) out.writeBytes(fragments.get(i).bytes(limits));
    return out.toByteArray();
  }

  private static boolean isFrameStart(byte[] h) {
    if (h.length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8) return true; // JPEG, JPEG-LS SOI
    if (h.length >= 4 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0x4F && (h[2] & 0xFF) == 0xFF
        && (h[3] & 0xFF) == 0x51) {
      return true; // JPEG 2000 SOC + SIZ
    }
    return h.length >= 8 && h[4] == 'j' && h[5] == 'P' && h[6] == ' ' && h[7] == ' '; // JP2 signature box
  }

  private static int indexOf(long[] itemOffsets, int n, long off) {
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (itemOffsets[mid] < off) lo = mid + 1;
      else if (itemOffsets[mid] > off) hi = mid - 1;
      else return mid;
    }
    return -1;
  }
}
