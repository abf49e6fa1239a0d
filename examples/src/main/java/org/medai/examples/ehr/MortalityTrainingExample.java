package org.medai.examples.ehr;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medai.ehr.encode.DatasetBuilder;
import org.medai.ehr.encode.DatasetSpec;
import org.medai.ehr.encode.GruDCell;
import org.medai.ehr.fhir.FhirIngestor;
import org.medai.ehr.fhir.IngestOptions;
import org.medai.ehr.fhir.SyntheticFhir;
import org.medai.ehr.timeline.PatientTimeline;
import org.medai.ehr.timeline.TimelineCollector;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains an in-hospital mortality (48 h) model: the mortality-48h data set (GRU-D grid, statistics
 * from the train split only), a SameDiff GRU-D layer with a logistic head, Adam, full-batch; reports
 * AUROC on the held-out (test-split) patients, whatever it is, with the counts it rests on.
 *
 * <p>Usage: {@code MortalityTrainingExample [SRC]} where SRC is any FHIR source {@code medai fhir}
 * reads (for example Synthea's {@code output/fhir} folder); without SRC it generates 400 synthetic
 * patients with {@link SyntheticFhir}.
 */
public final class MortalityTrainingExample {
  static final String SPEC = """
      {"task": "mortality-48h", "grid": {"binHours": 4, "bins": 12, "imputation": "forward-fill", "variables": [
        {"name": "heart_rate", "system": "http://loinc.org", "codes": ["8867-4"], "unit": "/min", "aggregation": "mean"},
        {"name": "sbp", "system": "http://loinc.org", "codes": ["8480-6"], "unit": "mm[Hg]", "aggregation": "max"},
        {"name": "glucose", "system": "http://loinc.org", "codes": ["2345-7", "15074-8", "2339-0"], "unit": "mg/dL", "aggregation": "mean"},
        {"name": "creatinine", "system": "http://loinc.org", "codes": ["2160-0", "38483-4"], "unit": "mg/dL", "aggregation": "last"}]},
       "trainFraction": 0.7, "splitSeed": "mortality-example"}
      """;

  private MortalityTrainingExample() {}

  public static void main(String[] args) throws Exception {
    Path src;
    if (args.length > 0) {
      src = Path.of(args[0]);
    } else {
      src = Files.createTempFile("medai-synthetic", ".json");
      try (BufferedWriter w = Files.newBufferedWriter(src, StandardCharsets.UTF_8)) {
        SyntheticFhir.writeBundle(w, 400, 2024);
      }
    }
    TimelineCollector c = new TimelineCollector();
    FhirIngestor.create(IngestOptions.lenient()).ingest(src, c);
    Map<String, PatientTimeline> tls = c.build();
    DatasetSpec spec = DatasetSpec.fromJson(SPEC);
    DatasetBuilder.Dataset d = DatasetBuilder.build(tls, spec);
    System.out.println(report(d, tls.size()));
  }

  /** Trains and evaluates; returns a one-line JSON report. */
  public static String report(DatasetBuilder.Dataset d, int patients) {
    int n = d.samples().size();
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < n; i++) (d.samples().get(i).train() ? train : test).add(i);
    long trainPos = train.stream().filter(i -> d.samples().get(i).label() == 1f).count();
    long testPos = test.stream().filter(i -> d.samples().get(i).label() == 1f).count();
    String counts = String.format(Locale.ROOT, "\"patients\":%d,\"samples\":%d,\"train\":%d,\"trainPositives\":%d,\"test\":%d,\"testPositives\":%d",
        patients, n, train.size(), trainPos, test.size(), testPos);
    if (trainPos == 0 || trainPos == train.size() || testPos == 0 || testPos == test.size()) {
      return "{" + counts + ",\"auroc\":null,\"why\":\"a split lacks positives or negatives; AUROC is undefined\"}";
    }
    Map<String, INDArray> nd = d.batch().toNd4j();
    int t = d.spec().grid().bins();
    int dv = d.spec().grid().variables().size();
    INDArray mean = Nd4j.create(toFloat(d.stats().means()), new long[] {dv}, DataType.FLOAT);
    // The raw values are z-scored for the network through the means and stds (the layer sees standardized inputs).
    INDArray std = Nd4j.create(toFloat(d.stats().stds()), new long[] {dv}, DataType.FLOAT);
    INDArray values = nd.get("grid_values").sub(mean.reshape(1, 1, dv)).div(std.reshape(1, 1, dv));
    INDArray mask = nd.get("grid_mask");
    INDArray delta = nd.get("grid_delta").div(t);
    INDArray labels = nd.get("labels").reshape(n, 1);
    int hidden = 16;
    GruDCell cell = new GruDCell(t, GruDCell.randomWeights(dv, hidden, 7), Nd4j.zeros(DataType.FLOAT, dv));
    SameDiff sd = cell.graph();
    SDVariable h = sd.getVariable("hidden");
    SDVariable wOut = sd.var("wOut", GruDCell.randomWeights(hidden, 1, 8).get("W"));
    SDVariable bOut = sd.var("bOut", Nd4j.zeros(DataType.FLOAT, 1));
    SDVariable y = sd.placeHolder("label", DataType.FLOAT, -1, 1);
    SDVariable logits = h.mmul(wOut).add("logits", bOut);
    sd.loss.sigmoidCrossEntropy("loss", y, logits, null);
    sd.setLossVariables("loss");
    sd.setTrainingConfig(new TrainingConfig.Builder().updater(new Adam(3e-3)).l2(1e-4)
        .dataSetFeatureMapping("values", "mask", "delta").dataSetLabelMapping("label").build());
    INDArray[] trainX = rows(new INDArray[] {values, mask, delta}, train);
    INDArray trainY = labels.get(NDArrayIndex.indices(train.stream().mapToLong(Integer::longValue).toArray()), NDArrayIndex.all());
    int epochs = 150;
    for (int e = 0; e < epochs; e++) sd.fit(new MultiDataSet(trainX, new INDArray[] {trainY}));
    INDArray[] testX = rows(new INDArray[] {values, mask, delta}, test);
    Map<String, INDArray> out = sd.output(Map.of("values", testX[0], "mask", testX[1], "delta", testX[2]), "logits");
    double[] scores = out.get("logits").toDoubleVector();
    int[] truth = new int[test.size()];
    for (int i = 0; i < test.size(); i++) truth[i] = (int) d.samples().get(test.get(i)).label();
    return String.format(Locale.ROOT, "{%s,\"model\":\"GRU-D(16)+logistic\",\"epochs\":%d,\"auroc\":%.4f}", counts, epochs, auroc(scores, truth));
  }

  private static INDArray[] rows(INDArray[] arrays, List<Integer> idx) {
    long[] ix = idx.stream().mapToLong(Integer::longValue).toArray();
    INDArray[] out = new INDArray[arrays.length];
    for (int i = 0; i < arrays.length; i++) out[i] = arrays[i].get(NDArrayIndex.indices(ix), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    return out;
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
    return f;
  }

  /** AUROC as the Mann-Whitney probability that a positive outranks a negative (ties count half). */
  static double auroc(double[] score, int[] y) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < score.length; i++) {
      if (y[i] != 1) continue;
      for (int j = 0; j < score.length; j++) {
        if (y[j] != 0) continue;
        pairs++;
        wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
      }
    }
    return wins / pairs;
  }
}
