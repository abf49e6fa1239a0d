package org.medai.nlp.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.medai.nlp.text.Section;
import org.medai.nlp.text.SectionDetector;

/**
 * Real third-party data: the Synthea notes (DocumentReference attachments) in ../shared/data.
 * Oracles independent of medai: the patients' own names from their Patient resources, every ISO
 * date in the note found by a plain regex, and the notes' markdown headers.
 */
class SyntheaNotesTest {

  private static final Pattern NOTE = Pattern.compile("\"contentType\":\\s*\"(text/plain[^\"]*)\",\\s*\"data\":\\s*\"([A-Za-z0-9+/=]+)\"");
  private static final Pattern FAMILY = Pattern.compile("\"family\":\\s*\"([^\"]+)\"");
  private static final Pattern GIVEN = Pattern.compile("\"given\":\\s*\\[([^\\]]*)\\]");
  private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");

  private static Path synthea() {
    String root = System.getProperty("medai.shared.data");
    assumeTrue(root != null && Files.isDirectory(Path.of(root, "fhir", "synthea")),
        "shared data (../shared/data/fhir/synthea) is absent; see shared/data/README.md");
    return Path.of(root, "fhir", "synthea");
  }

  @Test
  void syntheaNotes_deidentified_noPatientNameAndEveryDateReplaced() throws Exception {
    Path dir = synthea();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve("bundles"))) {
      s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
    files.add(dir.resolve("ndjson").resolve("DocumentReference.ndjson"));
    Set<String> names = new LinkedHashSet<>();
    for (Path f : List.of(files.toArray(new Path[0]))) collectNames(Files.readString(f, StandardCharsets.UTF_8), names);
    Path patients = dir.resolve("ndjson").resolve("Patient.ndjson");
    if (Files.exists(patients)) collectNames(Files.readString(patients, StandardCharsets.UTF_8), names);
    assertTrue(names.size() >= 10, "patient names found: " + names.size());

    FhirTextDeid fhir = new FhirTextDeid(Deidentifier.defaults());
    int notes = 0;
    int dates = 0;
    int headers = 0;
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      String json = Files.readString(f, StandardCharsets.UTF_8);
      PatientKey key = PatientKey.of("synthea-" + f.getFileName());
      Matcher m = NOTE.matcher(json);
      while (m.find()) {
        notes++;
        String text = new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
        FhirTextDeid.Attachment a = fhir.attachment(m.group(2), m.group(1), key);
        String out = a.result().text();
        for (String n : names) {
          if (out.contains(n)) failures.add("a patient name survived in note " + notes + " of " + f.getFileName());
        }
        Matcher d = ISO_DATE.matcher(text);
        while (d.find()) {
          dates++;
          int at = d.start();
          boolean replaced = a.result().audit().stream().anyMatch(r -> r.type() == PhiType.DATE && r.originalStart() <= at && at < r.originalEnd());
          if (!replaced) failures.add("date at offset " + at + " of note " + notes + " not replaced");
        }
        List<Section> secs = SectionDetector.defaults().detect(text);
        for (String line : text.split("\n")) {
          if (!line.startsWith("#")) continue;
          headers++;
          String h = line.replaceFirst("^#+\\s*", "").strip();
          boolean found = secs.stream().anyMatch(s -> s.header().of(text).contains(h) && !s.name().equals(Section.OTHER));
          if (!found) failures.add("markdown header not detected as a known section: " + h.toLowerCase(Locale.ROOT));
        }
      }
    }
    System.out.printf(Locale.ROOT, "Synthea notes: %d notes, %d patient names, %d ISO dates, %d markdown headers checked%n",
        notes, names.size(), dates, headers);
    assertTrue(notes >= 100, "notes " + notes);
    assertEquals(List.of(), failures.stream().distinct().limit(20).toList());
    assertFalse(dates == 0);
  }

  private static void collectNames(String json, Set<String> out) {
    for (Matcher m = FAMILY.matcher(json); m.find(); ) out.add(m.group(1));
    for (Matcher m = GIVEN.matcher(json); m.find(); ) {
      for (String g : m.group(1).split(",")) {
        String v = g.strip().replace("\"", "");
        if (v.length() >= 3) out.add(v);
      }
    }
  }
}
