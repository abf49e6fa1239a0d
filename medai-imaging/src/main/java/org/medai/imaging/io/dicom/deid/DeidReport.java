package org.medai.imaging.io.dicom.deid;

import java.util.List;
import org.medai.core.Json;

/**
 * What de-identification changed: attribute paths and actions only, never values. Immutable,
 * thread-safe.
 *
 * @param changes one entry per attribute removed, emptied, replaced or remapped
 * @param burnedInAnnotation BurnedInAnnotation (0028,0301) as found: YES, NO or UNKNOWN (absent);
 *     YES means the pixels themselves may show identifying text, which this profile does not clean
 * @param datesShifted true when longitudinal dates were kept, shifted by the per-patient offset
 */
public record DeidReport(List<Change> changes, String burnedInAnnotation, boolean datesShifted) {

  /**
   * @param path the attribute's path, e.g. {@code (0010,0010)} or {@code (0008,1140)[0](0008,1155)}
   * @param action what was done: X removed, Z emptied, D dummy value, U UID remapped, S date shifted,
   *     P private attribute removed
   */
  public record Change(String path, String action) {
  }

  public DeidReport {
    changes = List.copyOf(changes);
  }

  /** True when the pixel data may carry burned-in identifying text (BurnedInAnnotation = YES). */
  public boolean burnedInAnnotationFlagged() {
    return "YES".equals(burnedInAnnotation);
  }

  /** The report as one JSON object. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"burnedInAnnotation\":").append(Json.quote(burnedInAnnotation))
        .append(",\"datesShifted\":").append(datesShifted).append(",\"changes\":[");
    for (int i = 0; i < changes.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"path\":").append(Json.quote(changes.get(i).path())).append(",\"action\":")
          .append(Json.quote(changes.get(i).action())).append('}');
    }
    return sb.append("]}").toString();
  }
}
