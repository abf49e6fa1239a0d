package org.medai.imaging.io.dicom.deid;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.medai.imaging.internal.dicom.DeidProfile;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomElement;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.dicom.VR;

/**
 * De-identifies DICOM datasets per the PS3.15 Annex E Basic Application Level Confidentiality
 * Profile: attributes in the profile table are removed (X), emptied (Z), given dummy values (D) or
 * have their UIDs remapped (U); private attributes are removed; sequences are processed
 * recursively. UIDs are remapped with HMAC-SHA256 under the caller's key to {@code 2.25.<decimal>}
 * UIDs, so the same key maps the same UID identically across files, series and studies. With
 * {@link Builder#retainLongitudinalDates} the dates the profile marks for the Retain Longitudinal
 * Temporal Information with Modified Dates option are shifted back by a per-patient number of days
 * (1-3650, derived from the key and PatientID) instead of being removed. Pixel data is not
 * altered: BurnedInAnnotation is reported in {@link DeidReport}. Immutable and thread-safe.
 */
public final class DicomDeidentifier {
  private static final String METHOD = "DICOM PS3.15 E.1 Basic Application Level Confidentiality Profile";
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

  private final byte[] key;
  private final boolean retainDates;

  private DicomDeidentifier(Builder b) {
    this.key = b.key.clone();
    this.retainDates = b.retainDates;
  }

  /** A de-identifier keyed by {@code key} (at least 16 bytes; keep it secret, it links pseudonyms). */
  public static Builder builder(byte[] key) {
    return new Builder(key);
  }

  /** A de-identified file (a fresh file meta header is written by the writer) and what changed. */
  public record Result(DicomFile file, DeidReport report) {
  }

  public Result deidentify(DicomFile in) {
    DicomDataset src = in.dataset();
    String burned = src.getString(Tag.BurnedInAnnotation, "UNKNOWN");
    if (!burned.equals("YES") && !burned.equals("NO")) burned = "UNKNOWN";
    long shiftDays = retainDates ? shiftDays(src.getString(Tag.PatientID, "")) : 0;
    List<DeidReport.Change> changes = new ArrayList<>();
    DicomDataset.Builder out = process(src, DicomDataset.builder(), "", shiftDays, changes);
    out.putStrings(Tag.PatientIdentityRemoved, VR.CS, "YES");
    out.putStrings(Tag.DeidentificationMethod, VR.LO,
        retainDates ? METHOD + "; Retain Longitudinal Temporal Information with Modified Dates Option" : METHOD);
    List<DicomDataset> codes = new ArrayList<>();
    codes.add(code(out, "113100", "Basic Application Confidentiality Profile"));
    if (retainDates) codes.add(code(out, "113107", "Retain Longitudinal Temporal Information Modified Dates Option"));
    out.putSequence(0x00120064, codes);
    out.putStrings(Tag.LongitudinalTemporalInformationModified, VR.CS, retainDates ? "MODIFIED" : "REMOVED");
    DicomFile file = new DicomFile(DicomDataset.empty(), out.build(), in.transferSyntax(), -1);
    return new Result(file, new DeidReport(changes, burned, retainDates));
  }

  /**
   * The Basic Profile's action code for a tag ({@code X}, {@code Z}, {@code D}, {@code U}, compound
   * codes such as {@code X/Z/D}; {@code P} for private attributes), or {@code K} when the profile
   * keeps it. Useful to decide what to mask when displaying a dataset.
   */
  public static String basicProfileAction(int tag) {
    if (Tag.isPrivate(tag)) return "P";
    DeidProfile.Rule r = DeidProfile.get().rule(tag);
    return r == null ? "K" : r.action();
  }

  /** The remapped UID for {@code uid} under this de-identifier's key (deterministic). */
  public String remapUid(String uid) {
    byte[] h = hmac(("uid:" + uid).getBytes(StandardCharsets.US_ASCII));
    return "2.25." + new BigInteger(1, Arrays.copyOf(h, 16));
  }

  private DicomDataset.Builder process(DicomDataset src, DicomDataset.Builder out, String prefix, long shift,
                                       List<DeidReport.Change> changes) {
    for (DicomElement e : src.elements()) {
      int tag = e.tag();
      String path = prefix + Tag.toString(tag);
      if (Tag.isPrivate(tag)) {
        changes.add(new DeidReport.Change(path, "P"));
        continue;
      }
      DeidProfile.Rule rule = DeidProfile.get().rule(tag);
      if (rule == null) {
        out.put(e.isSequence() ? recurse(e, out, path, shift, changes) : e);
        continue;
      }
      if (rule.longitudinal() && retainDates && (e.vr() == VR.DA || e.vr() == VR.DT)) {
        out.put(shifted(src, e, shift));
        changes.add(new DeidReport.Change(path, "S"));
        continue;
      }
      String action = resolve(rule.action(), e);
      switch (action) {
        case "X" -> changes.add(new DeidReport.Change(path, "X"));
        case "Z" -> {
          out.put(e.isSequence() ? DicomElement.sequence(tag, List.of()) : DicomElement.of(tag, e.vr(), new byte[0]));
          changes.add(new DeidReport.Change(path, "Z"));
        }
        case "D" -> {
          if (e.isSequence()) {
            out.put(recurse(e, out, path, shift, changes));
          } else {
            dummy(out, e);
            changes.add(new DeidReport.Change(path, "D"));
          }
        }
        case "U" -> {
          if (e.isSequence()) {
            out.put(recurse(e, out, path, shift, changes));
          } else if (e.vr() == VR.UI) {
            String[] uids = src.getStrings(tag);
            String[] mapped = new String[uids.length];
            for (int i = 0; i < uids.length; i++) mapped[i] = uids[i].isEmpty() ? "" : remapUid(uids[i]);
            out.putStrings(tag, VR.UI, mapped);
            changes.add(new DeidReport.Change(path, "U"));
          } else {
            changes.add(new DeidReport.Change(path, "X"));
          }
        }
        default -> out.put(e.isSequence() ? recurse(e, out, path, shift, changes) : e);
      }
    }
    return out;
  }

  /** Chooses one action from a compound code without IOD knowledge, keeping readers of the output working. */
  private static String resolve(String code, DicomElement e) {
    if (code.equals("X/Z/U*")) return "U";
    if (code.contains("D")) return "D";
    if (code.contains("Z")) return "Z";
    if (code.contains("U")) return "U";
    if (code.contains("X")) return "X";
    return "K";
  }

  private DicomElement recurse(DicomElement seq, DicomDataset.Builder parent, String path, long shift,
                               List<DeidReport.Change> changes) {
    List<DicomDataset> items = new ArrayList<>(seq.items().size());
    for (int i = 0; i < seq.items().size(); i++) {
      items.add(process(seq.items().get(i), parent.itemBuilder(), path + "[" + i + "]", shift, changes).build());
    }
    return DicomElement.sequence(seq.tag(), items);
  }

  private static void dummy(DicomDataset.Builder out, DicomElement e) {
    int tag = e.tag();
    VR vr = e.vr();
    switch (vr) {
      case PN -> out.putStrings(tag, vr, "ANONYMOUS");
      case LO, SH, LT, ST, UT, UC, CS, AE -> out.putStrings(tag, vr, "ANONYMIZED");
      case DA -> out.putStrings(tag, vr, "19000101");
      case DT -> out.putStrings(tag, vr, "19000101000000");
      case TM -> out.putStrings(tag, vr, "000000");
      case AS -> out.putStrings(tag, vr, "000D");
      case DS, IS -> out.putStrings(tag, vr, "0");
      case UI -> out.putStrings(tag, vr, "2.25.0");
      case UR -> out.putStrings(tag, vr, "");
      default -> out.put(DicomElement.of(tag, vr, new byte[(int) Math.max(0, e.length())]));
    }
  }

  private DicomElement shifted(DicomDataset src, DicomElement e, long days) {
    String[] v = src.getStrings(e.tag());
    String[] out = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      String s = v[i];
      try {
        if (s.length() >= 8) {
          LocalDate d = LocalDate.parse(s.substring(0, 8), DA).minusDays(days);
          out[i] = d.format(DA) + (e.vr() == VR.DT ? s.substring(8) : "");
        } else {
          out[i] = "";
        }
      } catch (DateTimeParseException ex) {
        out[i] = "";
      }
    }
    return DicomDataset.builder().putStrings(e.tag(), e.vr(), out).build().get(e.tag());
  }

  private long shiftDays(String patientId) {
    byte[] h = hmac(("date-shift:" + patientId).getBytes(StandardCharsets.UTF_8));
    long v = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFFL) << 16) | ((h[2] & 0xFFL) << 8) | (h[3] & 0xFFL);
    return 1 + v % 3650;
  }

  private static DicomDataset code(DicomDataset.Builder parent, String value, String meaning) {
    return parent.itemBuilder().putStrings(0x00080100, VR.SH, value).putStrings(0x00080102, VR.SH, "DCM")
        .putStrings(0x00080104, VR.LO, meaning).build();
  }

  private byte[] hmac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }

  /** Configures a de-identifier. Not thread-safe; the de-identifier it builds is. */
  public static final class Builder {
    private final byte[] key;
    private boolean retainDates;

    private Builder(byte[] key) {
      if (key == null || key.length < 16) {
        throw new org.medai.core.InvalidArgumentException("MEDAI-DEID-001",
            "the de-identification key has %d bytes; expected at least 16 (use a random secret)".formatted(key == null ? 0 : key.length));
      }
      this.key = key.clone();
    }

    /** Keep longitudinal dates, shifted by a per-patient offset, instead of removing them. */
    public Builder retainLongitudinalDates(boolean retain) {
      this.retainDates = retain;
      return this;
    }

    public DicomDeidentifier build() {
      return new DicomDeidentifier(this);
    }
  }
}
