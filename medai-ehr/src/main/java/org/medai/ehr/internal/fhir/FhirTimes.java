package org.medai.ehr.internal.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * FHIR date/dateTime/instant strings to UTC instants, independent of the JVM's time zone (HAPI's
 * {@code Date} values use the default zone for dates without an offset). Partial dates take their
 * first instant: {@code 2015} is 2015-01-01T00:00Z. Times without an offset are read as UTC.
 */
public final class FhirTimes {
  private FhirTimes() {}

  /** The instant, or {@code null} for {@code null}, empty or unparseable input. */
  public static Instant instant(String s) {
    if (s == null || s.isEmpty()) return null;
    try {
      return switch (s.length()) {
        case 4 -> LocalDate.of(Integer.parseInt(s), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        case 7 -> LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5, 7)), 1)
            .atStartOfDay().toInstant(ZoneOffset.UTC);
        case 10 -> LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        default -> {
          char last = s.charAt(s.length() - 1);
          boolean hasOffset = last == 'Z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
          yield hasOffset ? OffsetDateTime.parse(s).toInstant() : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  /** The date part of a FHIR date, or {@code null}. */
  public static LocalDate date(String s) {
    if (s == null || s.length() < 4) return null;
    Instant i = instant(s.length() > 10 ? s.substring(0, 10) : s);
    return i == null ? null : LocalDate.ofInstant(i, ZoneOffset.UTC);
  }
}
