package org.medai.ehr.timeline;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import org.medai.core.Json;

/**
 * Writes timelines as JSON lines (one event per line) and in the MEDS layout ({@code subject_id,
 * time, code, numeric_value, text_value}, as CSV or NDJSON). Stateless and thread-safe; the caller
 * owns and closes the writer. The output holds patient data (it is the data set), unlike logs.
 */
public final class TimelineExport {
  private TimelineExport() {}

  /**
   * One JSON object per event: {@code {"patient","time","system","code","value","unit","source"}},
   * {@code value} a number, string (coded values as their code, text as the text) or boolean, or null.
   */
  public static long writeJsonLines(Iterable<PatientTimeline> timelines, Writer out) throws IOException {
    long n = 0;
    StringBuilder sb = new StringBuilder(256);
    for (PatientTimeline t : timelines) {
      for (ClinicalEvent e : t.events()) {
        sb.setLength(0);
        sb.append("{\"patient\":").append(Json.quote(e.patient()))
            .append(",\"time\":").append(Json.quote(e.time().toString()))
            .append(",\"system\":").append(Json.quote(e.system()))
            .append(",\"code\":").append(Json.quote(e.code()))
            .append(",\"value\":").append(valueJson(e.value()))
            .append(",\"unit\":").append(Json.quote(e.unit()))
            .append(",\"source\":").append(Json.quote(e.source()))
            .append("}\n");
        out.write(sb.toString());
        n++;
      }
    }
    return n;
  }

  static String valueJson(EventValue v) {
    if (v == null) return "null";
    if (v instanceof EventValue.Numeric num) return number(num.value());
    if (v instanceof EventValue.Bool b) return Boolean.toString(b.value());
    if (v instanceof EventValue.Coded c) return Json.quote(c.code());
    return Json.quote(((EventValue.Text) v).text());
  }

  private static String number(double d) {
    if (Double.isInfinite(d)) return "null";
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    return Double.toString(d);
  }

  /** MEDS code: a vocabulary prefix for well-known systems ({@code LOINC/8302-2}), else {@code system|code}. */
  public static String medsCode(ClinicalEvent e) {
    String s = e.system();
    String prefix = s == null ? null : PREFIXES.get(s);
    if (prefix != null) return prefix + "/" + e.code();
    if (TimelineCollector.MEDAI_SYSTEM.equals(s)) return "MEDAI/" + e.code().toUpperCase(java.util.Locale.ROOT);
    return s == null ? e.code() : s + "|" + e.code();
  }

  private static final Map<String, String> PREFIXES = Map.of(
      "http://loinc.org", "LOINC",
      "http://snomed.info/sct", "SNOMED",
      "http://www.nlm.nih.gov/research/umls/rxnorm", "RXNORM",
      "http://hl7.org/fhir/sid/cvx", "CVX",
      "http://hl7.org/fhir/sid/icd-10-cm", "ICD10CM",
      "http://hl7.org/fhir/sid/icd-10", "ICD10",
      "http://www.ama-assn.org/go/cpt", "CPT");

  /** MEDS rows as CSV with a header; fields quoted per RFC 4180 where needed. */
  public static long writeMedsCsv(Iterable<PatientTimeline> timelines, Writer out) throws IOException {
    out.write("subject_id,time,code,numeric_value,text_value\n");
    long n = 0;
    for (PatientTimeline t : timelines) {
      for (ClinicalEvent e : t.events()) {
        out.write(csv(t.patientId()) + "," + time(e.time()) + "," + csv(medsCode(e)) + ","
            + (Double.isNaN(e.numeric()) ? "" : number(e.numeric())) + "," + csv(text(e.value())) + "\n");
        n++;
      }
    }
    return n;
  }

  /** MEDS rows as NDJSON objects with the same five fields (nulls for absent values). */
  public static long writeMedsNdjson(Iterable<PatientTimeline> timelines, Writer out) throws IOException {
    long n = 0;
    for (PatientTimeline t : timelines) {
      for (ClinicalEvent e : t.events()) {
        out.write("{\"subject_id\":" + Json.quote(t.patientId()) + ",\"time\":" + Json.quote(time(e.time()))
            + ",\"code\":" + Json.quote(medsCode(e)) + ",\"numeric_value\":"
            + (Double.isNaN(e.numeric()) ? "null" : number(e.numeric())) + ",\"text_value\":" + Json.quote(text(e.value())) + "}\n");
        n++;
      }
    }
    return n;
  }

  private static String time(Instant t) {
    return t.toString();
  }

  private static String text(EventValue v) {
    if (v instanceof EventValue.Text t) return t.text();
    if (v instanceof EventValue.Coded c) return c.code();
    if (v instanceof EventValue.Bool b) return Boolean.toString(b.value());
    return null;
  }

  private static String csv(String s) {
    if (s == null) return "";
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
