package org.medai.ehr.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declarative cohort, modelled on OHDSI cohort definitions: entry events (events of a kind whose
 * code or coded value is in a concept set; optionally only each patient's first), inclusion criteria
 * (occurrence counts of a concept set in a window relative to the index), age and sex at the index,
 * and an exit (the entry event's end, or a fixed time after the index). The definition's JSON and
 * version travel into every manifest built from it. Immutable and thread-safe.
 *
 * @param name short name
 * @param version definition version, written into manifests
 * @param json the definition as read, for manifests
 */
public record CohortDefinition(String name, String version, Map<String, ConceptSet> conceptSets, Entry entry,
                               List<Criterion> inclusion, Double minAgeYears, Double maxAgeYears, Set<String> sexes,
                               Exit exit, String json) {

  /** Entry events: events of {@code kind} (a resource type, or null for any) that match {@code conceptSet}. */
  public record Entry(String kind, String conceptSet, boolean firstOnly) {}

  /**
   * At least {@code min} and at most {@code max} (null: no bound) events of {@code kind} in
   * {@code conceptSet} with time in {@code [index + start, index + end]}. Only events available at
   * the index count, so criteria never look into the future of the index unless the window does.
   */
  public record Criterion(String name, String kind, String conceptSet, Duration start, Duration end, int min, Integer max) {}

  /** Exit: {@code event-end} (the entry event's end, else the index) or {@code fixed} (index + {@code after}). */
  public record Exit(String type, Duration after) {}

  public CohortDefinition {
    conceptSets = Map.copyOf(conceptSets);
    inclusion = List.copyOf(inclusion);
    sexes = Set.copyOf(sexes);
    if (!conceptSets.containsKey(entry.conceptSet())) {
      throw new CohortException("MEDAI-COHORT-001", "entry refers to concept set '" + entry.conceptSet() + "' which is not defined");
    }
    for (Criterion c : inclusion) {
      if (!conceptSets.containsKey(c.conceptSet())) {
        throw new CohortException("MEDAI-COHORT-002", "criterion '" + c.name() + "' refers to undefined concept set '" + c.conceptSet() + "'");
      }
    }
  }

  public static CohortDefinition fromJson(String json) {
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new CohortException("MEDAI-COHORT-003", "cohort definition is not valid JSON: " + e.getClass().getSimpleName());
    }
    Map<String, ConceptSet> sets = new LinkedHashMap<>();
    n.path("conceptSets").fields().forEachRemaining(f -> {
      List<ConceptSet.Item> items = new ArrayList<>();
      for (JsonNode it : f.getValue().path("items")) {
        Set<String> codes = new LinkedHashSet<>();
        it.path("codes").forEach(c -> codes.add(c.asText()));
        List<String> prefixes = new ArrayList<>();
        it.path("prefixes").forEach(c -> prefixes.add(c.asText()));
        items.add(new ConceptSet.Item(it.hasNonNull("system") ? it.path("system").asText() : null, codes, prefixes));
      }
      sets.put(f.getKey(), new ConceptSet(f.getKey(), items));
    });
    JsonNode en = n.path("entry");
    if (en.isMissingNode()) throw new CohortException("MEDAI-COHORT-004", "cohort definition has no 'entry'");
    Entry entry = new Entry(en.hasNonNull("kind") ? en.path("kind").asText() : null, en.path("conceptSet").asText(),
        en.path("first").asBoolean(false));
    List<Criterion> crit = new ArrayList<>();
    for (JsonNode c : n.path("inclusion")) {
      JsonNode w = c.path("window");
      crit.add(new Criterion(c.path("name").asText("criterion"), c.hasNonNull("kind") ? c.path("kind").asText() : null,
          c.path("conceptSet").asText(), days(w.path("startDays").asDouble(-36500)), days(w.path("endDays").asDouble(0)),
          c.path("min").asInt(1), c.hasNonNull("max") ? c.path("max").asInt() : null));
    }
    Set<String> sexes = new LinkedHashSet<>();
    n.path("sex").forEach(s -> sexes.add(s.asText()));
    JsonNode age = n.path("age");
    JsonNode ex = n.path("exit");
    Exit exit = new Exit(ex.path("type").asText("event-end"), days(ex.path("days").asDouble(0)));
    return new CohortDefinition(n.path("name").asText("cohort"), n.path("version").asText("1"), sets, entry, crit,
        age.hasNonNull("min") ? age.path("min").asDouble() : null, age.hasNonNull("max") ? age.path("max").asDouble() : null,
        sexes, exit, json.strip());
  }

  static Duration days(double d) {
    return Duration.ofSeconds(Math.round(d * 86400));
  }
}
