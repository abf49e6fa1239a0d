package org.medai.benchmarks.nlptext;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.medai.nlp.context.NoteAnalyzer;
import org.medai.nlp.deid.Deidentifier;
import org.medai.nlp.deid.PatientKey;
import org.medai.nlp.deid.PhiDetector;
import org.medai.nlp.text.SentenceSplitter;
import org.medai.nlp.text.Terminology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Clinical text throughput on one synthetic 64 KiB note corpus (every name and number invented):
 * sentence splitting, the full analysis (sentences, sections, concepts, ConText), PHI detection
 * and de-identification. MB/s = corpus bytes × ops/s. Baseline in the same run: one
 * {@code toLowerCase} pass over the same text, the cheapest full read of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class NlpTextBenchmark {

  private static final String[] PARAGRAPHS = {
      "CHIEF COMPLAINT: Shortness of breath.\n\n",
      "HISTORY OF PRESENT ILLNESS\nMs. Okafor is a 93-year-old woman with h/o CHF and atrial fibrillation who presents with 3 days of\n"
          + "worsening dyspnea and cough. She denies chest pain, fever or chills. Possible pneumonia per outside\n"
          + "CXR dated 02/28/2024. Her daughter Marisol (cell 617-555-0143) reports no syncope.\n\n",
      "Past Medical History:\n- Hypertension\n- Type 2 diabetes\nFamily History: Mother with breast cancer. No family history of stroke.\n",
      "Social History: Lives at 42 Tamarack Lane, Amherst, MA 01002. Former smoker.\n\n",
      "Medications:\n1. Furosemide 40 mg p.o. b.i.d.\n2. Apixaban 5 mg p.o. q.d.\n\n",
      "PHYSICAL EXAM\nBP: 148/92\nHR: 104\nSpO2: 89% on RA\nLungs: crackles at the bases; no wheezing.\n\n",
      "Labs: WBC 12.4, Hgb 10.2, Plt 231, Na 134, K 3.9, Cr 1.3, troponin 0.04. MRN: 00482913. Acct #: 5566778.\n",
      "Assessment & Plan:\nAcute on chronic heart failure; rule out pneumonia. Return if chest pain develops.\n"
          + "Seen with Dr. Lindqvist on March 2, 2024. Contact: ines.okafor@example.net\n\n"};

  String corpus;
  NoteAnalyzer analyzer;
  Deidentifier deid;
  PhiDetector detector;
  PatientKey key;

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (sb.length() < 64 * 1024) sb.append(PARAGRAPHS[i++ % PARAGRAPHS.length]);
    corpus = sb.toString();
    analyzer = NoteAnalyzer.of(Terminology.demo());
    deid = Deidentifier.defaults();
    detector = PhiDetector.defaults();
    key = PatientKey.of("benchmark-key-0001");
  }

  /** UTF-8 size of the corpus, to turn ops/s into MB/s. */
  public int corpusBytes() {
    return corpus.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  @Benchmark
  public String baselineLowerCase() {
    return corpus.toLowerCase(Locale.ROOT);
  }

  @Benchmark
  public Object splitSentences() {
    return SentenceSplitter.clinical().split(corpus);
  }

  @Benchmark
  public Object analyze() {
    return analyzer.analyze(corpus);
  }

  @Benchmark
  public Object detectPhi() {
    return detector.detect(corpus);
  }

  @Benchmark
  public Object deidentify() {
    return deid.deidentify(corpus, key);
  }
}
