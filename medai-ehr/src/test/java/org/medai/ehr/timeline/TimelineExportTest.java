package org.medai.ehr.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineExportTest {
  private static final ObjectMapper M = new ObjectMapper();

  static PatientTimeline sample() {
    Instant t = Instant.parse("2020-01-01T10:00:00Z");
    return new PatientTimeline("Patient/p1", LocalDate.of(1950, 1, 1), "female", null, List.of(
        new ClinicalEvent("Patient/p1", t, null, null, "Observation", "http://loinc.org", "2339-0", "Glucose",
            new EventValue.Numeric(5.5, "mmol/L"), "Encounter/e1", "Observation/o1", -1),
        new ClinicalEvent("Patient/p1", t.plusSeconds(60), null, null, "DocumentReference", "http://loinc.org", "34117-2", null,
            new EventValue.Text("note, with \"quotes\"\nand lines"), null, "DocumentReference/d1", 0),
        new ClinicalEvent("Patient/p1", t.minusSeconds(60), null, null, "Condition", "http://snomed.info/sct", "44054006", null,
            null, null, "Condition/c1", -1)));
  }

  @Test
  void writeJsonLines_sample_oneOrderedEventPerLineWithIssueFields() throws IOException {
    StringWriter w = new StringWriter();
    assertEquals(3, TimelineExport.writeJsonLines(List.of(sample()), w));
    String[] lines = w.toString().split("\n");
    assertEquals(3, lines.length);
    JsonNode first = M.readTree(lines[0]);
    assertEquals("Condition/c1", first.path("source").asText());
    JsonNode glucose = M.readTree(lines[1]);
    assertEquals(List.of("patient", "time", "system", "code", "value", "unit", "source"), List.copyOf(iter(glucose)));
    assertEquals(5.5, glucose.path("value").asDouble());
    assertEquals("mmol/L", glucose.path("unit").asText());
    assertEquals("2020-01-01T10:00:00Z", glucose.path("time").asText());
    assertTrue(M.readTree(lines[2]).path("unit").isNull());
  }

  private static List<String> iter(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void writeMedsCsv_sample_quotesTextAndPrefixesVocabularies() throws IOException {
    StringWriter w = new StringWriter();
    TimelineExport.writeMedsCsv(List.of(sample()), w);
    String csv = w.toString();
    assertTrue(csv.startsWith("subject_id,time,code,numeric_value,text_value\n"));
    assertTrue(csv.contains("p1,2020-01-01T10:00:00Z,LOINC/2339-0,5.5,\n"), csv);
    assertTrue(csv.contains("\"note, with \"\"quotes\"\"\nand lines\""), csv);
    assertTrue(csv.contains("SNOMED/44054006"));
  }

  @Test
  void writeMedsNdjson_sample_parsesBackToSameValues() throws IOException {
    StringWriter w = new StringWriter();
    TimelineExport.writeMedsNdjson(List.of(sample()), w);
    String[] lines = w.toString().split("\n");
    JsonNode note = M.readTree(lines[2]);
    assertEquals("note, with \"quotes\"\nand lines", note.path("text_value").asText());
    assertTrue(note.path("numeric_value").isNull());
  }
}
