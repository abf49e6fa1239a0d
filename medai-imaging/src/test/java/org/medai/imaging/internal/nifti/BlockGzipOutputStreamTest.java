package org.medai.imaging.internal.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.concurrent.WorkPool;

/** Gzip in independently compressed blocks: decoded by zlib (the JDK's inflater) and by Python's gzip. */
class BlockGzipOutputStreamTest {
  private static final WorkPool POOL = WorkPool.of(3);

  @AfterAll
  static void closePool() {
    POOL.close();
  }

  /** CT-like bytes: smooth int16 values with noise, so that the blocks compress and refer back. */
  private static byte[] sample(int n, long seed) {
    Random rnd = new Random(seed);
    byte[] b = new byte[n];
    for (int q = 0; q + 1 < n; q += 2) {
      int v = (int) (1000 * Math.sin(q / 5000.0)) + rnd.nextInt(16);
      b[q] = (byte) v;
      b[q + 1] = (byte) (v >> 8);
    }
    return b;
  }

  private static byte[] gzip(byte[] data, int level, WorkPool pool, int writeSize) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (BlockGzipOutputStream out = new BlockGzipOutputStream(sink, level, pool)) {
      for (int off = 0; off < data.length; off += writeSize) out.write(data, off, Math.min(writeSize, data.length - off));
    }
    return sink.toByteArray();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void write_atBlockAndBatchEdges_roundTripsAtEveryLevel() throws IOException {
    int block = BlockGzipOutputStream.BLOCK;
    int batch = 4 * 3 * block; // the pool's batch: four blocks per thread
    int[] sizes = {0, 1, BlockGzipOutputStream.WINDOW - 1, block - 1, block, block + 1, batch, batch + 1, 2 * batch + 12_345};
    for (int size : sizes) {
      byte[] data = sample(size, size);
      for (int level : new int[] {0, 1, 6, 9}) {
        if (level != 1 && size > 2 * block) continue; // the big sizes once
        assertArrayEquals(data, gunzip(gzip(data, level, POOL, 65_536)), "size " + size + " level " + level);
      }
    }
  }

  @Test
  void write_anyThreadCountOrWriteSize_givesTheSameBytes() throws IOException {
    byte[] data = sample(13 * BlockGzipOutputStream.BLOCK + 777, 7);
    byte[] one = gzip(data, 1, null, 1 << 20);
    try (WorkPool two = WorkPool.of(2)) {
      assertArrayEquals(one, gzip(data, 1, two, 1000));
    }
    assertArrayEquals(one, gzip(data, 1, POOL, 3_333_333));
    assertArrayEquals(data, gunzip(one));
  }

  @Test
  void write_ctLikeBytes_withinOnePercentOfOneStream() throws IOException {
    byte[] data = sample(6 * BlockGzipOutputStream.BLOCK, 11);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(plain) {
      {
        def.setLevel(1);
      }
    }) {
      g.write(data);
    }
    int blocks = gzip(data, 1, POOL, 1 << 16).length;
    assertTrue(blocks < plain.size() * 1.01 + 1024, blocks + " bytes in blocks against " + plain.size() + " in one stream");
  }

  @Test
  void construct_level10_throws() {
    assertThrows(IllegalArgumentException.class, () -> new BlockGzipOutputStream(new ByteArrayOutputStream(), 10, null));
  }

  /** Python's gzip module (zlib underneath, but not the JDK's wrapper) reads the file and its CRC. */
  @Test
  void write_5MiB_pythonGzipReadsItBack(@TempDir Path dir) throws Exception {
    Path py = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(py), "no /usr/bin/python3: Python oracle skipped");
    byte[] data = sample(5 * BlockGzipOutputStream.BLOCK + 99, 3);
    Path gz = dir.resolve("x.gz");
    Files.write(gz, gzip(data, 1, POOL, 1 << 20));
    Path raw = dir.resolve("x.raw");
    Process p = new ProcessBuilder(py.toString(), "-c",
        "import gzip,sys; open(sys.argv[2],'wb').write(gzip.open(sys.argv[1]).read())", gz.toString(), raw.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
    assertEquals(0, p.exitValue(), log);
    assertArrayEquals(data, Files.readAllBytes(raw));
  }
}
