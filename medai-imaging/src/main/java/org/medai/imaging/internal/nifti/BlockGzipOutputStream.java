package org.medai.imaging.internal.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.medai.core.concurrent.WorkPool;

/**
 * A gzip file (RFC 1952: one member, any gzip reader reads it) whose deflate stream is cut into
 * blocks of {@value #BLOCK} input bytes that compress independently, so that several threads can
 * compress one file (pigz's layout): each block is primed with the {@value #WINDOW} bytes before it
 * as its dictionary (so the ratio stays close to one stream's) and ends with a sync flush (a byte
 * boundary, not final); the last block ends the stream. The blocks of a batch (four per pool
 * thread) compress in parallel; the bytes written do not depend on the thread count. Memory: the
 * batch's input and compressed output, about 8 MiB per thread.
 *
 * <p>Not thread-safe (one writer); closing it closes the underlying stream.
 */
public final class BlockGzipOutputStream extends OutputStream {
  static final int BLOCK = 1 << 20;
  static final int WINDOW = 32 << 10;
  private static final int BLOCKS_PER_THREAD = 4;

  private final OutputStream out;
  private final int level;
  private final WorkPool pool;
  private final byte[][] blocks;
  private final int[] lengths;
  private final ByteArrayOutputStream[] compressed;
  private final byte[] dictionary = new byte[WINDOW];
  private int dictionaryLength;
  private int filled;
  private final CRC32 crc = new CRC32();
  private long total;
  private boolean closed;

  /**
   * @param level deflate level, 0 (stored) to 9
   * @param pool compresses a batch's blocks in parallel; {@code null}: on the caller's thread
   */
  public BlockGzipOutputStream(OutputStream out, int level, WorkPool pool) throws IOException {
    if (level < 0 || level > 9) throw new IllegalArgumentException("gzip level must be 0 to 9, got " + level);
    this.out = out;
    this.level = level;
    this.pool = pool;
    int batch = BLOCKS_PER_THREAD * (pool == null ? 1 : pool.threads());
    blocks = new byte[batch][];
    lengths = new int[batch];
    compressed = new ByteArrayOutputStream[batch];
    // header: magic, deflate, no flags, no time, extra flags 0, unknown OS
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255});
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) throw new IOException("stream closed");
    while (len > 0) {
      if (filled < blocks.length && lengths[filled] == BLOCK) filled++;
      if (filled == blocks.length) compressBatch(false);
      if (blocks[filled] == null) blocks[filled] = new byte[BLOCK];
      int n = Math.min(len, BLOCK - lengths[filled]);
      System.arraycopy(b, off, blocks[filled], lengths[filled], n);
      lengths[filled] += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      compressBatch(true);
      long c = crc.getValue();
      byte[] trailer = new byte[8];
      for (int q = 0; q < 4; q++) {
        trailer[q] = (byte) (c >>> (8 * q));
        trailer[4 + q] = (byte) (total >>> (8 * q));
      }
      out.write(trailer);
    } finally {
      out.close();
    }
  }

  /** Compresses and writes the batch's blocks; {@code last}: the final one ends the stream. */
  private void compressBatch(boolean last) throws IOException {
    int n = filled < blocks.length && lengths[filled] > 0 ? filled + 1 : filled;
    if (last && n == 0) {
      // an empty file still needs one final (empty) block
      blocks[0] = blocks[0] == null ? new byte[0] : blocks[0];
      n = 1;
    }
    for (int i = 0; i < n; i++) {
      crc.update(blocks[i], 0, lengths[i]);
      total += lengths[i];
    }
    int count = n;
    if (pool == null) {
      for (int i = 0; i < count; i++) compress(i, last && i == count - 1);
    } else {
      pool.parallelFor(count, 1, (from, to) -> {
        for (long i = from; i < to; i++) compress((int) i, last && i == count - 1);
      });
    }
    for (int i = 0; i < count; i++) compressed[i].writeTo(out);
    // the next batch's first block is primed with the end of this batch (whose blocks are full)
    if (!last) {
      System.arraycopy(blocks[count - 1], BLOCK - WINDOW, dictionary, 0, WINDOW);
      dictionaryLength = WINDOW;
    }
    for (int i = 0; i < count; i++) lengths[i] = 0;
    filled = 0;
  }

  private void compress(int i, boolean finish) {
    ByteArrayOutputStream sink = compressed[i];
    if (sink == null) sink = compressed[i] = new ByteArrayOutputStream(BLOCK / 2);
    sink.reset();
    Deflater d = new Deflater(level, true);
    try {
      if (i > 0) {
        d.setDictionary(blocks[i - 1], lengths[i - 1] - WINDOW, WINDOW);
      } else if (dictionaryLength > 0) {
        d.setDictionary(dictionary, 0, dictionaryLength);
      }
      d.setInput(blocks[i], 0, lengths[i]);
      byte[] buf = new byte[64 << 10];
      if (finish) {
        d.finish();
        while (!d.finished()) sink.write(buf, 0, d.deflate(buf));
      } else {
        int k;
        do {
          k = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
          sink.write(buf, 0, k);
        } while (k == buf.length);
      }
    } finally {
      d.end();
    }
  }
}
