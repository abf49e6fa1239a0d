package org.medai.imaging.io.nifti;

import java.nio.file.Files;
import java.nio.file.Path;

/** File-name rules: {@code .nii[.gz]} is one file; {@code .hdr[.gz]}/{@code .img[.gz]} is a pair. Stateless. */
final class NiftiFiles {
  private NiftiFiles() {}

  record Resolved(Path header, Path image, boolean pair) {}

  static boolean isGz(Path p) {
    return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
  }

  private static String base(String name) {
    String n = name;
    if (n.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) n = n.substring(0, n.length() - 3);
    return n.substring(0, n.length() - 4);
  }

  private static String ext(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
    return n.length() >= 4 ? n.substring(n.length() - 4) : "";
  }

  /** For reading: finds the partner of a pair member (trying the same and the other compression). */
  static Resolved forRead(Path p) {
    String name = p.getFileName().toString();
    String e = ext(name);
    if (e.equals(".hdr") || e.equals(".img")) {
      String b = base(name);
      String partner = e.equals(".hdr") ? ".img" : ".hdr";
      Path other = p.resolveSibling(b + partner + (isGz(p) ? ".gz" : ""));
      if (!Files.exists(other)) other = p.resolveSibling(b + partner + (isGz(p) ? "" : ".gz"));
      if (!Files.exists(other)) {
        throw new NiftiFormatException("MEDAI-NIFTI-001",
            "the %s file of the NIfTI pair %s is missing; a .hdr needs its .img beside it".formatted(partner, name));
      }
      return e.equals(".hdr") ? new Resolved(p, other, true) : new Resolved(other, p, true);
    }
    return new Resolved(p, p, false);
  }

  /** For writing: {@code .hdr}/{@code .img} names make a pair (the image compressed like the header). */
  static Resolved forWrite(Path p) {
    String name = p.getFileName().toString();
    String e = ext(name);
    if (e.equals(".hdr") || e.equals(".img")) {
      String b = base(name);
      String gz = isGz(p) ? ".gz" : "";
      return new Resolved(p.resolveSibling(b + ".hdr" + gz), p.resolveSibling(b + ".img" + gz), true);
    }
    if (!e.equals(".nii")) {
      throw new NiftiFormatException("MEDAI-NIFTI-031",
          "output name %s must end in .nii, .nii.gz, .hdr or .img (optionally .gz)".formatted(name));
    }
    return new Resolved(p, p, false);
  }
}
