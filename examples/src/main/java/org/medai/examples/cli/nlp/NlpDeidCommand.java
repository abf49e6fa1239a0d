package org.medai.examples.cli.nlp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.nlp.deid.AuditRecord;
import org.medai.nlp.deid.DeidResult;
import org.medai.nlp.deid.Deidentifier;
import org.medai.nlp.deid.PatientKey;
import org.medai.nlp.deid.PhiDetector;
import org.medai.nlp.deid.PhiType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code medai nlp deid NOTE.txt --patient-key K}: replaces PHI with consistent surrogates for the
 * patient whose key is K and prints {@code {"text": ..., "counts": {...}, "audit": [...]}}; with
 * {@code --text-only} prints only the de-identified text. The audit holds types and offsets only.
 */
@Command(name = "deid", mixinStandardHelpOptions = true,
    description = "De-identify a clinical note with consistent per-patient surrogates and shifted dates; print JSON.")
public final class NlpDeidCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NOTE", description = "UTF-8 note file, or - for standard input.")
  Path note;

  @Option(names = "--patient-key", required = true, paramLabel = "K",
      description = "Per-patient secret (at least 8 characters); the same key gives the same surrogates and date shift.")
  String patientKey;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "RECALL_FIRST",
      description = "RECALL_FIRST (default) or BALANCED (fewer flags on lone names and bare long numbers).")
  PhiDetector.Mode mode;

  @Option(names = "--text-only", description = "Print only the de-identified text.")
  boolean textOnly;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String text = NoteFiles.read(note, System.in);
    Deidentifier d = mode == PhiDetector.Mode.RECALL_FIRST ? Deidentifier.defaults() : Deidentifier.of(PhiDetector.of(mode));
    DeidResult r = d.deidentify(text, PatientKey.of(patientKey));
    PrintWriter out = spec.commandLine().getOut();
    if (textOnly) {
      out.print(r.text());
      out.flush();
      return 0;
    }
    Map<PhiType, Integer> counts = new EnumMap<>(PhiType.class);
    for (AuditRecord a : r.audit()) counts.merge(a.type(), 1, Integer::sum);
    StringBuilder sb = new StringBuilder(r.text().length() + 64 * r.audit().size());
    sb.append("{\"text\":").append(Json.quote(r.text())).append(",\"replacements\":").append(r.audit().size()).append(",\"counts\":{");
    boolean first = true;
    for (var e : counts.entrySet()) {
      if (!first) sb.append(',');
      first = false;
      sb.append('"').append(e.getKey()).append("\":").append(e.getValue());
    }
    sb.append("},\"audit\":[");
    for (int i = 0; i < r.audit().size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(r.audit().get(i).toJson());
    }
    out.println(sb.append("]}"));
    out.flush();
    return 0;
  }
}
