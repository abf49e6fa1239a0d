package org.medai.ehr.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.medai.ehr.testing.SharedData;

class TimelineCollectorTest {
  private static final ObjectMapper M = new ObjectMapper();

  /** Resources of the input, read independently with Jackson (bundle entries or NDJSON lines). */
  static List<JsonNode> oracleResources(Path src) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (Files.isDirectory(src)) {
      try (Stream<Path> st = Files.list(src)) {
        for (Path f : st.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
          for (String l : Files.readAllLines(f)) if (!l.isBlank()) out.add(M.readTree(l));
        }
      }
    } else {
      for (JsonNode e : M.readTree(src.toFile()).path("entry")) out.add(e.path("resource"));
    }
    return out;
  }

  static List<Path> sources() throws IOException {
    List<Path> s = new ArrayList<>();
    try (Stream<Path> st = Files.list(SharedData.bundles())) {
      s.addAll(st.sorted().toList());
    }
    s.add(SharedData.ndjson());
    return s;
  }

  @Test
  void timelines_syntheaInputs_everyValueQuantityIsANumericEventWithItsUnit() throws IOException {
    for (Path src : sources()) {
      Map<String, PatientTimeline> tl = Fixtures.timelines(src);
      Map<String, ClinicalEvent> numeric = new HashMap<>();
      for (PatientTimeline t : tl.values()) {
        for (ClinicalEvent e : t.events()) {
          if (e.kind().equals("Observation") && e.value() instanceof EventValue.Numeric) numeric.put(e.source() + "#" + e.component(), e);
        }
      }
      int expected = 0;
      for (JsonNode r : oracleResources(src)) {
        if (!"Observation".equals(r.path("resourceType").asText())) continue;
        String id = "Observation/" + r.path("id").asText();
        if (r.has("valueQuantity")) {
          expected++;
          check(numeric.get(id + "#-1"), r.path("valueQuantity"), r.path("code"));
        }
        int k = 0;
        for (JsonNode comp : r.path("component")) {
          if (comp.has("valueQuantity")) {
            expected++;
            check(numeric.get(id + "#" + k), comp.path("valueQuantity"), comp.path("code"));
          }
          k++;
        }
      }
      assertTrue(expected > 0);
      assertEquals(expected, numeric.size(), "numeric observation events in " + src.getFileName());
    }
  }

  private static void check(ClinicalEvent e, JsonNode q, JsonNode code) {
    assertNotNull(e, "missing numeric event");
    assertEquals(q.path("value").decimalValue().doubleValue(), e.numeric());
    assertEquals(q.path("code").asText(q.path("unit").asText()), e.unit());
    assertEquals(code.path("coding").path(0).path("code").asText(), e.code());
  }

  @Test
  void timelines_syntheaInputs_everyDocumentReferenceNoteIsRecoverable() throws IOException {
    for (Path src : sources()) {
      Map<String, String> notes = new HashMap<>();
      for (PatientTimeline t : Fixtures.timelines(src).values()) {
        for (ClinicalEvent e : t.events()) {
          if (e.kind().equals("DocumentReference") && e.value() instanceof EventValue.Text tx) notes.put(e.source() + "#" + e.component(), tx.text());
        }
      }
      int docs = 0;
      for (JsonNode r : oracleResources(src)) {
        if (!"DocumentReference".equals(r.path("resourceType").asText())) continue;
        int k = 0;
        for (JsonNode content : r.path("content")) {
          String b64 = content.path("attachment").path("data").asText();
          String expected = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
          assertEquals(expected, notes.get("DocumentReference/" + r.path("id").asText() + "#" + k), "note text differs");
          k++;
          docs++;
        }
      }
      assertTrue(docs > 0);
      assertEquals(docs, notes.size());
    }
  }

  @Test
  void timelines_bloodPressure_componentsBecomeSeparateEvents() throws IOException {
    long systolic = 0;
    long diastolic = 0;
    for (PatientTimeline t : Fixtures.timelines(SharedData.ndjson()).values()) {
      for (ClinicalEvent e : t.events()) {
        if ("8480-6".equals(e.code())) systolic++;
        if ("8462-4".equals(e.code())) diastolic++;
        assertEquals(t.patient(), e.patient());
      }
    }
    assertTrue(systolic > 0);
    assertEquals(systolic, diastolic);
  }

  @Test
  void timelines_ndjson_allFivePatientsWithOrderedEventsAndResolvedMedications() throws IOException {
    Map<String, PatientTimeline> tl = Fixtures.timelines(SharedData.ndjson());
    assertEquals(5, tl.size());
    for (PatientTimeline t : tl.values()) {
      assertNotNull(t.birthDate());
      for (int i = 1; i < t.events().size(); i++) {
        assertFalse(t.events().get(i).time().isBefore(t.events().get(i - 1).time()));
      }
      for (ClinicalEvent e : t.events()) assertFalse(EventExtractor.UNRESOLVED_MEDICATION.equals(e.system()), e.source());
    }
    // every resource of a type with events produced at least one event or is counted with a reason
    long encounters = tl.values().stream().flatMap(t -> t.events().stream()).filter(e -> e.kind().equals("Encounter")).count();
    assertEquals(262, encounters);
  }
}
