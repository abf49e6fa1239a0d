package org.medai.benchmarks.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomWriter;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.dicom.TransferSyntax;
import org.medai.imaging.io.dicom.VR;

/**
 * Generates the benchmark series with medai's writer: {@value #COUNT} CT-like slices (about 90
 * attributes each, a nested sequence, a private block) of 256x256 int16 pixels, explicit VR little
 * endian, so that medai and the pydicom peer read the same files. Run it as a program to write them:
 * {@code java -cp ... org.medai.benchmarks.dicom.DicomBenchFiles DIR}.
 */
public final class DicomBenchFiles {
  public static final int COUNT = 500;
  public static final int ROWS = 256;
  public static final int COLS = 256;

  private DicomBenchFiles() {
  }

  /** Default folder: {@code medai-benchmarks/target/dicom-bench-series}, or {@code -Dmedai.bench.dicom.dir}. */
  public static Path defaultDir() {
    return Path.of(System.getProperty("medai.bench.dicom.dir", "medai-benchmarks/target/dicom-bench-series"));
  }

  /** Writes the series into {@code dir} unless it already holds it; returns the files in order. */
  public static List<Path> ensure(Path dir) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < COUNT; i++) {
      Path p = dir.resolve(String.format("slice_%04d.dcm", i));
      if (Files.isRegularFile(p)) continue;
      DicomWriter.write(DicomFile.of(slice(i, rnd), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), p,
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("slice_")).sorted().toList();
    }
  }

  static DicomDataset slice(int i, SplittableRandom rnd) {
    DicomDataset.Builder b = DicomDataset.builder();
    b.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    b.putStrings(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
    b.putStrings(0x00080012, VR.DA, "20240101").putStrings(0x00080013, VR.TM, "120000");
    b.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
    b.putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.8.498.1.2." + (i + 1));
    b.putStrings(Tag.StudyDate, VR.DA, "20240101").putStrings(Tag.SeriesDate, VR.DA, "20240101");
    b.putStrings(Tag.AcquisitionDate, VR.DA, "20240101").putStrings(Tag.ContentDate, VR.DA, "20240101");
    b.putStrings(Tag.StudyTime, VR.TM, "120000").putStrings(0x00080031, VR.TM, "120100");
    b.putStrings(0x00080032, VR.TM, "120200").putStrings(0x00080033, VR.TM, "120300");
    b.putStrings(Tag.AccessionNumber, VR.SH, "BENCH0001").putStrings(Tag.Modality, VR.CS, "CT");
    b.putStrings(0x00080070, VR.LO, "MEDAI SYNTHETIC").putStrings(Tag.InstitutionName, VR.LO, "Benchmark Hospital");
    b.putStrings(Tag.ReferringPhysicianName, VR.PN, "Referrer^Synthetic");
    b.putStrings(0x00081010, VR.SH, "STATION1").putStrings(Tag.StudyDescription, VR.LO, "CT CHEST");
    b.putStrings(Tag.SeriesDescription, VR.LO, "AXIAL 1mm").putStrings(0x00081090, VR.LO, "MODEL X");
    b.putSequence(0x00081140, List.of(b.itemBuilder().putStrings(0x00081150, VR.UI, "1.2.840.10008.5.1.4.1.1.2")
        .putStrings(0x00081155, VR.UI, "1.2.826.0.1.3680043.8.498.1.9.1").build()));
    b.putStrings(Tag.PatientName, VR.PN, "Synthetic^Patient").putStrings(Tag.PatientID, VR.LO, "SYN0001");
    b.putStrings(Tag.PatientBirthDate, VR.DA, "19700101").putStrings(Tag.PatientSex, VR.CS, "O");
    b.putStrings(Tag.PatientAge, VR.AS, "054Y").putDoubles(0x00101030, VR.DS, 70.5);
    b.putStrings(0x00180015, VR.CS, "CHEST").putDoubles(Tag.SliceThickness, VR.DS, 1.0);
    b.putDoubles(0x00180060, VR.DS, 120).putStrings(0x00181020, VR.LO, "1.0");
    b.putDoubles(0x00180090, VR.DS, 500).putDoubles(0x00181100, VR.DS, 350);
    b.putDoubles(0x00181110, VR.DS, 1000).putDoubles(0x00181111, VR.DS, 540);
    b.putDoubles(0x00181120, VR.DS, 0).putDoubles(0x00181130, VR.DS, 150);
    b.putInts(0x00181150, VR.IS, 1000).putInts(0x00181151, VR.IS, 300).putInts(0x00181152, VR.IS, 300);
    b.putStrings(0x00181210, VR.SH, "STANDARD").putStrings(0x00185100, VR.CS, "HFS");
    b.putStrings(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.8.498.1.0");
    b.putStrings(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.8.498.1.1");
    b.putStrings(Tag.StudyID, VR.SH, "1").putInts(Tag.SeriesNumber, VR.IS, 2).putInts(Tag.InstanceNumber, VR.IS, i + 1);
    b.putDoubles(Tag.ImagePositionPatient, VR.DS, -175.0, -175.0, -250.0 + i);
    b.putDoubles(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
    b.putStrings(Tag.FrameOfReferenceUID, VR.UI, "1.2.826.0.1.3680043.8.498.1.3");
    b.putStrings(0x00201040, VR.LO, "").putDoubles(Tag.SliceLocation, VR.DS, -250.0 + i);
    b.putInts(Tag.SamplesPerPixel, VR.US, 1).putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    b.putInts(Tag.Rows, VR.US, ROWS).putInts(Tag.Columns, VR.US, COLS);
    b.putDoubles(Tag.PixelSpacing, VR.DS, 0.68359375, 0.68359375);
    b.putInts(Tag.BitsAllocated, VR.US, 16).putInts(Tag.BitsStored, VR.US, 12).putInts(Tag.HighBit, VR.US, 11);
    b.putInts(Tag.PixelRepresentation, VR.US, 1);
    b.putDoubles(0x00281050, VR.DS, 40).putDoubles(0x00281051, VR.DS, 400);
    b.putDoubles(Tag.RescaleIntercept, VR.DS, -1024).putDoubles(Tag.RescaleSlope, VR.DS, 1);
    b.putStrings(0x00090010, VR.LO, "MEDAI BENCH").putStrings(0x00091001, VR.LO, "private value");
    byte[] px = new byte[ROWS * COLS * 2];
    for (int p = 0; p < ROWS * COLS; p++) {
      int v = ((p % COLS) * 7 + (p / COLS) * 3 + i) % 4096 - 2048 + rnd.nextInt(16);
      px[2 * p] = (byte) v;
      px[2 * p + 1] = (byte) ((v >> 8) & 0x0F); // 12 bits stored, high nibble zero
    }
    b.putBytes(Tag.PixelData, VR.OW, px);
    return b.build();
  }

  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : defaultDir();
    System.out.println(ensure(dir).size() + " files in " + dir.toAbsolutePath());
  }
}
