package org.medai.imaging.io.series;

/**
 * Supplies the stored values of one slice: little-endian, {@code rows × columns × samples} values
 * of {@link SliceHeader#storedType()}, samples interleaved, rows top to bottom. Implementations
 * must be thread-safe: assembly calls them from the pool's threads.
 */
@FunctionalInterface
public interface SlicePixels {
  byte[] read(SliceHeader slice);
}
