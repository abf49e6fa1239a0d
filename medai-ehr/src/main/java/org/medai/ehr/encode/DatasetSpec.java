package org.medai.ehr.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import org.medai.ehr.cohort.CohortDefinition;
import org.medai.ehr.cohort.PredictionTask;

/**
 * What a tensor data set holds: samples from a built-in {@link PredictionTask} (with labels) or from a
 * {@link CohortDefinition} (index = cohort entry, no labels); a {@link GridSpec}; sequence settings;
 * and a patient-level train/test split (statistics are fitted on the train split only). Immutable.
 *
 * <p>JSON: {@code {"task": "mortality-48h" | "cohort": {...}, "grid": {...}, "sequence": {"maxLength":
 * 128, "lookbackHours": 0}, "trainFraction": 0.7, "splitSeed": "medai"}}.
 */
public record DatasetSpec(PredictionTask task, CohortDefinition cohort, GridSpec grid, int sequenceLength, Duration lookback,
                          double trainFraction, String splitSeed) {

  public DatasetSpec {
    if ((task == null) == (cohort == null)) {
      throw new EncodeException("MEDAI-ENC-050", "a data set spec needs exactly one of 'task' or 'cohort'");
    }
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new EncodeException("MEDAI-ENC-051", "trainFraction must be in (0, 1), got " + trainFraction);
    }
  }

  public static DatasetSpec fromJson(String json) {
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new EncodeException("MEDAI-ENC-052", "data set spec is not valid JSON: " + e.getClass().getSimpleName());
    }
    if (!n.has("grid")) throw new EncodeException("MEDAI-ENC-053", "data set spec has no 'grid'");
    PredictionTask task = n.hasNonNull("task") ? PredictionTask.byName(n.path("task").asText()) : null;
    CohortDefinition cohort = n.hasNonNull("cohort") ? CohortDefinition.fromJson(n.path("cohort").toString()) : null;
    JsonNode seq = n.path("sequence");
    return new DatasetSpec(task, cohort, GridSpec.fromJson(n.path("grid")), seq.path("maxLength").asInt(128),
        Duration.ofMillis(Math.round(seq.path("lookbackHours").asDouble(0) * 3_600_000)), n.path("trainFraction").asDouble(0.7),
        n.path("splitSeed").asText("medai"));
  }
}
