package org.medai.core;

/**
 * Upper bounds that readers of untrusted bytes (DICOM, NIfTI, FHIR, tokenizer files) check every
 * length field against before allocating. Immutable and thread-safe.
 *
 * @param maxElementBytes largest single value or element a reader may allocate, in bytes
 * @param maxTotalBytes largest total a single read may allocate (pixel data included), in bytes
 * @param maxItems largest count of repeated items (sequence items, frames, fragments, lines)
 * @param maxNestingDepth deepest nesting of sequences or JSON structures
 */
public record ReadLimits(long maxElementBytes, long maxTotalBytes, long maxItems, int maxNestingDepth) {

  private static final ReadLimits DEFAULTS =
      new ReadLimits(1L << 30, 16L << 30, 1_000_000, 64);

  public ReadLimits {
    if (maxElementBytes <= 0 || maxTotalBytes <= 0 || maxItems <= 0 || maxNestingDepth <= 0) {
      throw new InvalidArgumentException("MEDAI-ARG-001",
          "read limits must be positive; got element=%d total=%d items=%d depth=%d"
              .formatted(maxElementBytes, maxTotalBytes, maxItems, maxNestingDepth));
    }
    if (maxElementBytes > maxTotalBytes) {
      throw new InvalidArgumentException("MEDAI-ARG-002",
          "maxElementBytes (%d) exceeds maxTotalBytes (%d)".formatted(maxElementBytes, maxTotalBytes));
    }
  }

  /** 1 GiB per element, 16 GiB per read, one million items, nesting depth 64. */
  public static ReadLimits defaults() {
    return DEFAULTS;
  }

  /** Tight limits for fuzzing and for inputs from unknown senders: 64 MiB, 256 MiB, 100k, 16. */
  public static ReadLimits strict() {
    return new ReadLimits(64L << 20, 256L << 20, 100_000, 16);
  }

  public ReadLimits withMaxElementBytes(long v) {
    return new ReadLimits(v, Math.max(v, maxTotalBytes), maxItems, maxNestingDepth);
  }

  public ReadLimits withMaxTotalBytes(long v) {
    return new ReadLimits(Math.min(maxElementBytes, v), v, maxItems, maxNestingDepth);
  }

  public ReadLimits withMaxItems(long v) {
    return new ReadLimits(maxElementBytes, maxTotalBytes, v, maxNestingDepth);
  }

  public ReadLimits withMaxNestingDepth(int v) {
    return new ReadLimits(maxElementBytes, maxTotalBytes, maxItems, v);
  }

  /**
   * Checks a length read from untrusted input before anything is allocated for it.
   *
   * @param what field being read, for the message (e.g. "(7FE0,0010) PixelData at offset 1234")
   * @param length the length the input claims, in bytes
   * @param remaining bytes that remain in the input, or -1 when unknown (a stream)
   * @return {@code length}, so callers can allocate inline
   */
  public long checkLength(String what, long length, long remaining) {
    if (length < 0) {
      throw new LimitExceededException("MEDAI-LIMIT-001",
          "%s: negative length %d; the input is corrupt".formatted(what, length));
    }
    if (remaining >= 0 && length > remaining) {
      throw new LimitExceededException("MEDAI-LIMIT-002",
          "%s: length %d exceeds the %d bytes that remain; the input is truncated or corrupt"
              .formatted(what, length, remaining));
    }
    if (length > maxElementBytes) {
      throw new LimitExceededException("MEDAI-LIMIT-003",
          "%s: length %d exceeds ReadLimits.maxElementBytes=%d; raise the limit if the input is trusted"
              .formatted(what, length, maxElementBytes));
    }
    return length;
  }

  /** Checks a count of repeated items (frames, fragments, sequence items) against {@link #maxItems}. */
  public long checkItems(String what, long count) {
    if (count < 0 || count > maxItems) {
      throw new LimitExceededException("MEDAI-LIMIT-004",
          "%s: count %d is outside 0..ReadLimits.maxItems=%d".formatted(what, count, maxItems));
    }
    return count;
  }

  /** Checks a nesting depth against {@link #maxNestingDepth}. */
  public int checkDepth(String what, int depth) {
    if (depth > maxNestingDepth) {
      throw new LimitExceededException("MEDAI-LIMIT-005",
          "%s: nesting depth %d exceeds ReadLimits.maxNestingDepth=%d".formatted(what, depth, maxNestingDepth));
    }
    return depth;
  }

  /** Checks a running total of bytes allocated for one read against {@link #maxTotalBytes}. */
  public long checkTotal(String what, long totalBytes) {
    if (totalBytes < 0 || totalBytes > maxTotalBytes) {
      throw new LimitExceededException("MEDAI-LIMIT-006",
          "%s: total allocation %d bytes exceeds ReadLimits.maxTotalBytes=%d".formatted(what, totalBytes, maxTotalBytes));
    }
    return totalBytes;
  }
}
