package org.medai.examples.cli.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medai.examples.cli.BadInputException;

/** Reads a note as UTF-8 from a file, or from standard input for "-". */
final class NoteFiles {
  private NoteFiles() {}

  /** Largest note the CLI reads (64 MiB). */
  static final long MAX_BYTES = 64L << 20;

  static String read(Path path, InputStream stdin) throws IOException {
    byte[] bytes;
    if (path.toString().equals("-")) {
      bytes = stdin.readNBytes((int) MAX_BYTES + 1);
    } else {
      long size = Files.size(path);
      if (size > MAX_BYTES) throw new BadInputException("note file has " + size + " bytes; the CLI reads at most " + MAX_BYTES);
      bytes = Files.readAllBytes(path);
    }
    if (bytes.length > MAX_BYTES) throw new BadInputException("note on standard input exceeds " + MAX_BYTES + " bytes");
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new BadInputException("note is not valid UTF-8; re-encode it as UTF-8");
    }
  }
}
