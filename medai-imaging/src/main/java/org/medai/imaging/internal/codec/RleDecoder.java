package org.medai.imaging.internal.codec;

import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of little-endian uint32 (segment count, then
 * 15 segment offsets), then one PackBits segment per byte plane, the most significant byte of each
 * sample first and one sample (colour component) after another. The decoded planes are interleaved
 * into the little-endian, sample-interleaved output. Stateless and thread-safe; O(compressed + frame)
 * time, one output allocation of {@code info.frameBytes()}.
 */
public final class RleDecoder implements FrameDecoder {
  private static final String CODEC = "RLE";
  private static final int HEADER_BYTES = 64;

  @Override
  public byte[] decode(byte[] compressed, FrameInfo info) {
    int frameBytes = CodecErrors.checkedFrameBytes(CODEC, info);
    if (info.bitsAllocated() != 8 && info.bitsAllocated() != 16 && info.bitsAllocated() != 32) {
      throw CodecErrors.unsupported(CODEC, -1, "BitsAllocated " + info.bitsAllocated() + " (expected 8, 16 or 32)");
    }
    if (compressed.length < HEADER_BYTES) {
      throw CodecErrors.truncated(CODEC, compressed.length, "a 64-byte RLE header");
    }
    int bps = info.bytesPerSample();
    int spp = info.samplesPerPixel();
    long segments = u32(compressed, 0);
    if (segments != (long) bps * spp) {
      throw CodecErrors.mismatch(CODEC, 0, "header declares " + segments + " segments, expected "
          + (bps * spp) + " (SamplesPerPixel x BitsAllocated/8)");
    }
    int n = (int) segments;
    int[] offsets = new int[n + 1];
    for (int s = 0; s < n; s++) {
      long off = u32(compressed, 4 + 4 * s);
      if (off < HEADER_BYTES || off > compressed.length) {
        throw CodecErrors.malformed(CODEC, 4 + 4L * s, "segment " + (s + 1) + " offset " + off
            + " is outside the frame (expected " + HEADER_BYTES + ".." + compressed.length + ")");
      }
      if (s > 0 && off < offsets[s - 1]) {
        throw CodecErrors.malformed(CODEC, 4 + 4L * s, "segment offsets must increase, segment " + (s + 1)
            + " starts at " + off + " before segment " + s + " at " + offsets[s - 1]);
      }
      offsets[s] = (int) off;
    }
    offsets[n] = compressed.length;
    int pixels = info.rows() * info.columns();
    byte[] out = new byte[frameBytes];
    int stride = bps * spp;
    for (int s = 0; s < n; s++) {
      int sample = s / bps;
      int byteInSample = bps - 1 - (s % bps);
      decodeSegment(compressed, offsets[s], offsets[s + 1], out, sample * bps + byteInSample, stride, pixels, s);
    }
    return out;
  }

  /** PackBits into every {@code stride}-th byte of {@code out} starting at {@code start}. */
  private static void decodeSegment(byte[] in, int pos, int end, byte[] out, int start, int stride, int count,
                                    int segment) {
    int o = start;
    int written = 0;
    while (written < count) {
      if (pos >= end) {
        throw CodecErrors.truncated(CODEC, pos, "segment " + (segment + 1) + " to yield " + count
            + " bytes, it yielded " + written);
      }
      int header = in[pos++];
      if (header >= 0) {
        int len = header + 1;
        if (pos + len > end) {
          throw CodecErrors.truncated(CODEC, end, len + " literal bytes in segment " + (segment + 1));
        }
        if (written + len > count) {
          len = count - written; // tolerate encoder padding past the plane
        }
        for (int i = 0; i < len; i++) {
          out[o] = in[pos + i];
          o += stride;
        }
        pos += header + 1;
        written += len;
      } else if (header != -128) {
        if (pos >= end) {
          throw CodecErrors.truncated(CODEC, pos, "a run byte in segment " + (segment + 1));
        }
        int len = Math.min(1 - header, count - written);
        byte v = in[pos++];
        for (int i = 0; i < len; i++) {
          out[o] = v;
          o += stride;
        }
        written += len;
      }
    }
  }

  private static long u32(byte[] b, int p) {
    return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
  }
}
