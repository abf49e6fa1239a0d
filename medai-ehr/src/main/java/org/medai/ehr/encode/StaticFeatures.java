package org.medai.ehr.encode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.medai.ehr.timeline.PatientTimeline;

/**
 * Static features at an index time: age in years (days / 365.25; 0 with {@code age_missing} = 1 when
 * the birth date is unknown) and administrative sex one-hot (female, male, other, unknown). Stateless
 * and thread-safe.
 */
public final class StaticFeatures {
  /** Column names of {@link #encode}'s output, in order. */
  public static final List<String> NAMES = List.of("age_years", "age_missing", "sex_female", "sex_male", "sex_other", "sex_unknown");

  private StaticFeatures() {}

  public static float[] encode(PatientTimeline t, Instant index) {
    float[] f = new float[NAMES.size()];
    LocalDate birth = t.birthDate();
    if (birth == null) {
      f[1] = 1;
    } else {
      f[0] = (float) (ChronoUnit.DAYS.between(birth, LocalDate.ofInstant(index, ZoneOffset.UTC)) / 365.25);
    }
    String sex = t.sex() == null ? "unknown" : t.sex();
    switch (sex) {
      case "female" -> f[2] = 1;
      case "male" -> f[3] = 1;
      case "other" -> f[4] = 1;
      default -> f[5] = 1;
    }
    return f;
  }
}
