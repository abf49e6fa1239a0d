package org.medai.imaging.io.dicom;

/**
 * A parsed DICOM file: its file meta information (group 0002), its dataset and the transfer syntax
 * the dataset was encoded with. Immutable and thread-safe; bulk values referenced by offset are read
 * from the file when asked (see {@link BulkData}).
 *
 * @param meta file meta information; empty when the input had none
 * @param dataset the dataset (without group 0002)
 * @param transferSyntax how the dataset was encoded
 * @param pixelDataOffset byte offset of the (7FE0,0010) element header when reading stopped before
 *     it, else -1
 */
public record DicomFile(DicomDataset meta, DicomDataset dataset, TransferSyntax transferSyntax, long pixelDataOffset) {

  public DicomFile {
    java.util.Objects.requireNonNull(meta, "meta");
    java.util.Objects.requireNonNull(dataset, "dataset");
    java.util.Objects.requireNonNull(transferSyntax, "transferSyntax");
  }

  /** A file for writing: the meta header is filled in by the writer. */
  public static DicomFile of(DicomDataset dataset, TransferSyntax transferSyntax) {
    return new DicomFile(DicomDataset.empty(), dataset, transferSyntax, -1);
  }

  /** True when the dataset holds (7FE0,0010) or reading stopped in front of it. */
  public boolean hasPixelData() {
    return dataset.contains(Tag.PixelData) || pixelDataOffset >= 0;
  }
}
