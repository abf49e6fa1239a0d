package org.medai.examples.cli.dicom;

import java.util.Locale;
import org.medai.core.Json;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomDictionary;
import org.medai.imaging.io.dicom.DicomElement;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.dicom.VR;
import org.medai.imaging.io.dicom.deid.DicomDeidentifier;

/**
 * Writes datasets as JSON in the shape of the DICOM JSON model (PS3.18 F.2): keys are
 * {@code GGGGEEEE}, each with {@code vr}, {@code keyword} and {@code Value}; bulk values give their
 * length only. Identifying values are masked unless asked otherwise.
 */
final class DicomJson {
  static final String MASK = "***";

  private final boolean showPhi;

  DicomJson(boolean showPhi) {
    this.showPhi = showPhi;
  }

  String dataset(DicomDataset ds) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (DicomElement e : ds.elements()) {
      if (!first) sb.append(',');
      first = false;
      sb.append('"').append(Tag.toHex(e.tag())).append("\":");
      element(sb, ds, e);
    }
    return sb.append('}').toString();
  }

  /**
   * Masked: person names; private text; text, date and time values of attributes the Basic
   * Confidentiality Profile removes or replaces (IDs, names, addresses, patient and study dates).
   */
  static boolean masked(DicomElement e) {
    VR vr = e.vr();
    if (vr == VR.PN) return true;
    if (!vr.isText() || vr == VR.UI || vr == VR.CS || vr == VR.DS || vr == VR.IS) return false;
    String action = DicomDeidentifier.basicProfileAction(e.tag());
    return !action.equals("K") || Tag.group(e.tag()) == 0x0010;
  }

  private void element(StringBuilder sb, DicomDataset ds, DicomElement e) {
    sb.append("{\"vr\":\"").append(e.vr()).append('"');
    String kw = DicomDictionary.keywordOf(e.tag());
    if (!kw.isEmpty()) sb.append(",\"keyword\":").append(Json.quote(kw));
    if (e.isSequence()) {
      sb.append(",\"Value\":[");
      for (int i = 0; i < e.items().size(); i++) {
        if (i > 0) sb.append(',');
        sb.append(dataset(e.items().get(i)));
      }
      sb.append("]}");
      return;
    }
    if (e.isEncapsulated()) {
      sb.append(",\"encapsulated\":true,\"fragments\":").append(e.fragments().size() - 1).append('}');
      return;
    }
    if (e.bytes() == null || (e.vr().isBulk() && e.vr() != VR.UN) || e.length() > 1024 && !e.vr().isText()) {
      sb.append(",\"length\":").append(e.length()).append('}');
      return;
    }
    if (e.vr().isText() && !showPhi && masked(e) && e.length() > 0) {
      sb.append(",\"Value\":[\"").append(MASK).append("\"],\"masked\":true}");
      return;
    }
    if (e.vr() == VR.UN) {
      sb.append(",\"length\":").append(e.length()).append('}');
      return;
    }
    sb.append(",\"Value\":[");
    if (e.vr().isText() || e.vr() == VR.AT) {
      String[] v = ds.getStrings(e.tag());
      for (int i = 0; i < v.length; i++) {
        if (i > 0) sb.append(',');
        if (e.vr() == VR.PN) sb.append("{\"Alphabetic\":").append(Json.quote(v[i])).append('}');
        else if (e.vr() == VR.IS || e.vr() == VR.DS) sb.append(number(v[i]));
        else sb.append(Json.quote(v[i]));
      }
    } else {
      double[] v = ds.getDoubles(e.tag());
      for (int i = 0; i < v.length; i++) {
        if (i > 0) sb.append(',');
        sb.append(number(v[i]));
      }
    }
    sb.append("]}");
  }

  private static String number(String s) {
    try {
      return number(Double.parseDouble(s.trim()));
    } catch (NumberFormatException e) {
      return Json.quote(s);
    }
  }

  private static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) return Json.quote(Double.toString(d));
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    return String.format(Locale.ROOT, "%s", d);
  }
}
