package org.medai.ehr.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.medai.ehr.internal.fhir.BoundedLineReader;
import org.medai.ehr.internal.fhir.R4;

/**
 * Streams FHIR R4 JSON into a sink one resource at a time: Bundles of any type (the {@code entry}
 * array is read with Jackson's streaming parser, one entry in memory at a time) and Bulk Data NDJSON
 * (a folder of {@code .ndjson} files, one file, or a manifest: a Bulk Data status response with an
 * {@code output} array or a {@code Parameters} import request with {@code input} parts). Each
 * resource's JSON is parsed by HAPI through the process's one shared {@code FhirContext}.
 *
 * <p>Memory is bounded by {@link IngestOptions#limits()}: one NDJSON line or one Bundle entry at most
 * {@code maxElementBytes} (longer NDJSON lines are skipped without being buffered; a Bundle entry's
 * strings are bounded before allocation and its total size is checked after it is read), plus what
 * the sink keeps.
 *
 * <p>Not thread-safe (it owns a HAPI parser); cheap to create once the shared context exists (the first
 * parse in a process costs about a second). Holds no resources to close.
 */
public final class FhirIngestor {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9\\-.]{1,64})\"");
  private static final Pattern TYPE = Pattern.compile("\"resourceType\"\\s*:\\s*\"([A-Za-z]{1,64})\"");

  private final IngestOptions options;
  private final IParser parser;
  private final ObjectMapper mapper;
  private final JsonFactory json;

  private FhirIngestor(IngestOptions options) {
    this.options = options;
    this.parser = R4.context().newJsonParser();
    parser.setParserErrorHandler(options.mode() == IngestMode.STRICT ? new StrictErrorHandler() : new LenientErrorHandler(false));
    long maxString = Math.min(Integer.MAX_VALUE, options.limits().maxElementBytes());
    this.json = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxStringLength((int) maxString)
            .maxNestingDepth(options.limits().maxNestingDepth())
            .build())
        .build();
    this.mapper = new ObjectMapper(json);
  }

  public static FhirIngestor create(IngestOptions options) {
    return new FhirIngestor(options);
  }

  public IngestOptions options() {
    return options;
  }

  /**
   * Ingests {@code source}: a folder of {@code .ndjson} files (name order), a folder of Bundle
   * {@code .json} files (Synthea's output; name order), an {@code .ndjson} file, a Bundle JSON file, or
   * a manifest JSON file.
   *
   * @throws FhirIngestException when the source is unusable, or in strict mode at the first bad resource
   */
  public IngestSummary ingest(Path source, Consumer<IngestedResource> sink) {
    IngestSummary.Builder s = new IngestSummary.Builder();
    try {
      for (Path f : expand(source)) {
        s.files++;
        if (f.getFileName().toString().endsWith(".ndjson")) readNdjson(f, sink, s);
        else readBundle(f, sink, s);
      }
    } catch (IOException e) {
      throw new FhirIngestException("MEDAI-FHIR-001", "cannot read FHIR input " + source.getFileName()
          + ": " + e.getClass().getSimpleName() + "; check the path and permissions", e);
    }
    return s.build();
  }

  /** The files {@link #ingest} reads for {@code source}, in order. */
  public List<Path> expand(Path source) throws IOException {
    if (Files.isDirectory(source)) {
      List<Path> all;
      try (Stream<Path> st = Files.list(source)) {
        all = st.filter(Files::isRegularFile).sorted().toList();
      }
      List<Path> ndjson = all.stream().filter(p -> p.getFileName().toString().endsWith(".ndjson")).toList();
      if (!ndjson.isEmpty()) return ndjson;
      // a folder of Bundles, as Synthea writes them
      List<Path> bundles = new java.util.ArrayList<>();
      for (Path p : all) {
        if (p.getFileName().toString().endsWith(".json") && "Bundle".equals(peekKind(p))) bundles.add(p);
      }
      if (bundles.isEmpty()) {
        throw new FhirIngestException("MEDAI-FHIR-002", "folder " + source.getFileName()
            + " holds no .ndjson files and no Bundle .json files; pass a Bulk Data export folder, a Bundle folder or a manifest");
      }
      return bundles;
    }
    if (!Files.isRegularFile(source)) {
      throw new FhirIngestException("MEDAI-FHIR-003", "FHIR input " + source.getFileName() + " does not exist or is not a file");
    }
    if (source.getFileName().toString().endsWith(".ndjson")) return List.of(source);
    String kind = peekKind(source);
    if ("manifest".equals(kind)) return manifestFiles(source);
    if ("Bundle".equals(kind)) return List.of(source);
    throw new FhirIngestException("MEDAI-FHIR-004", source.getFileName() + " is neither a Bundle nor a Bulk Data manifest"
        + " (resourceType " + kind + "); pass a Bundle, an NDJSON file or folder, or a manifest");
  }

  private String peekKind(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file)); JsonParser p = json.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FhirIngestException("MEDAI-FHIR-005", file.getFileName() + " does not start with a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if ("output".equals(name)) return "manifest";
        if ("resourceType".equals(name) && t == JsonToken.VALUE_STRING) {
          String rt = p.getText();
          return "Parameters".equals(rt) ? "manifest" : rt;
        }
        p.skipChildren();
      }
      return "unknown";
    } catch (JsonProcessingException e) {
      throw new FhirIngestException("MEDAI-FHIR-005", file.getFileName() + " is not valid JSON near line "
          + e.getLocation().getLineNr() + "; check the file", e);
    }
  }

  private List<Path> manifestFiles(Path manifest) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(manifest)) {
      options.limits().checkLength("manifest " + manifest.getFileName(), Files.size(manifest), -1);
      root = mapper.readTree(in);
    }
    List<String> urls = new ArrayList<>();
    for (JsonNode o : root.path("output")) urls.add(o.path("url").asText(""));
    for (JsonNode prm : root.path("parameter")) {
      if (!"input".equals(prm.path("name").asText())) continue;
      for (JsonNode part : prm.path("part")) {
        if ("url".equals(part.path("name").asText())) urls.add(part.path("valueString").asText(part.path("valueUri").asText("")));
      }
    }
    Path dir = manifest.toAbsolutePath().getParent();
    List<Path> files = new ArrayList<>();
    for (String u : urls) {
      String name = u.substring(u.lastIndexOf('/') + 1);
      Path f = dir.resolve(name);
      if (name.isEmpty() || !Files.isRegularFile(f)) {
        throw new FhirIngestException("MEDAI-FHIR-006", "manifest " + manifest.getFileName() + " lists output file '"
            + name + "' that is not beside it; put the NDJSON files in the manifest's folder");
      }
      files.add(f);
    }
    return files;
  }

  private void readNdjson(Path f, Consumer<IngestedResource> sink, IngestSummary.Builder s) throws IOException {
    String name = f.getFileName().toString();
    long resources = 0;
    try (InputStream in = Files.newInputStream(f)) {
      BoundedLineReader r = new BoundedLineReader(in, options.limits().maxElementBytes());
      while (r.next()) {
        ResourceLocation where = ResourceLocation.ndjsonLine(name, r.lineNumber());
        if (r.tooLong()) {
          problem(s, new IngestProblem(where, null, null, "too-large",
              "line longer than ReadLimits.maxElementBytes=" + options.limits().maxElementBytes()));
          continue;
        }
        if (r.blank()) continue;
        options.limits().checkItems("resources in " + name, ++resources);
        String text = r.text();
        parseAndEmit(text, where, null, sink, s);
      }
      s.bytes += r.bytesRead();
    }
  }

  private void readBundle(Path f, Consumer<IngestedResource> sink, IngestSummary.Builder s) throws IOException {
    String name = f.getFileName().toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16); JsonParser p = json.createParser(in)) {
      try {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new FhirIngestException("MEDAI-FHIR-005", name + " does not start with a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          if ("entry".equals(field) && t == JsonToken.START_ARRAY) {
            readEntries(p, name, sink, s);
          } else {
            p.skipChildren();
          }
        }
        s.bytes += p.currentLocation().getByteOffset();
      } catch (JsonProcessingException e) {
        throw new FhirIngestException("MEDAI-FHIR-007", name + " is not valid JSON near line " + e.getLocation().getLineNr()
            + " column " + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage().split("\n")[0]
            .replaceAll("'[^']*'", "'…'") + "); the Bundle cannot be streamed past this point", e);
      }
    }
  }

  private void readEntries(JsonParser p, String file, Consumer<IngestedResource> sink, IngestSummary.Builder s) throws IOException {
    long index = -1;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      index++;
      options.limits().checkItems("entries in " + file, index + 1);
      ResourceLocation where = ResourceLocation.bundleEntry(file, index);
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        problem(s, new IngestProblem(where, null, null, "not-a-resource", "entry is not a JSON object"));
        continue;
      }
      String fullUrl = null;
      JsonNode resource = null;
      long resourceBytes = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if ("fullUrl".equals(field)) {
          fullUrl = p.getValueAsString();
        } else if ("resource".equals(field)) {
          long start = p.currentLocation().getByteOffset();
          resource = p.readValueAsTree();
          resourceBytes = p.currentLocation().getByteOffset() - start;
        } else {
          p.skipChildren();
        }
      }
      if (resource == null || !resource.isObject()) {
        problem(s, new IngestProblem(where, null, null, "not-a-resource", "entry has no resource object"));
        continue;
      }
      if (resourceBytes > options.limits().maxElementBytes()) {
        problem(s, new IngestProblem(where, resource.path("resourceType").asText(null), resource.path("id").asText(null),
            "too-large", "resource of " + resourceBytes + " bytes exceeds ReadLimits.maxElementBytes"));
        continue;
      }
      parseAndEmit(mapper.writeValueAsString(resource), where, fullUrl, sink, s);
    }
  }

  private void parseAndEmit(String text, ResourceLocation where, String fullUrl, Consumer<IngestedResource> sink,
                            IngestSummary.Builder s) {
    IBaseResource parsed;
    try {
      parsed = parser.parseResource(text);
    } catch (RuntimeException e) {
      // DataFormatException mostly; HAPI can also fail with other runtime exceptions on hostile input
      String type = first(TYPE, text);
      String reason = e instanceof DataFormatException && e.getMessage() != null && e.getMessage().contains("Failed to parse JSON")
          ? "malformed-json" : "invalid-resource";
      problem(s, new IngestProblem(where, type, first(ID, text), reason, scrub(e.getMessage())));
      return;
    }
    if (!(parsed instanceof Resource r)) {
      problem(s, new IngestProblem(where, parsed.fhirType(), null, "not-a-resource", "parsed value is not an R4 resource"));
      return;
    }
    String type = r.fhirType();
    s.read(type);
    if (!options.selects(type)) {
      s.skipped("not-selected");
      return;
    }
    s.kept(type);
    sink.accept(new IngestedResource(r, where, fullUrl));
  }

  private void problem(IngestSummary.Builder s, IngestProblem p) {
    if (options.mode() == IngestMode.STRICT) {
      throw new FhirIngestException("MEDAI-FHIR-010", "bad FHIR input at " + p.where() + " ("
          + (p.resourceType() == null ? "?" : p.resourceType()) + "/" + (p.resourceId() == null ? "?" : p.resourceId())
          + "): " + p.reason() + ": " + p.detail() + "; fix the input or ingest in lenient mode to skip it");
    }
    s.problem(p);
  }

  private static String first(Pattern pat, String text) {
    Matcher m = pat.matcher(text.length() > 4096 ? text.substring(0, 4096) : text);
    return m.find() ? m.group(1) : null;
  }

  /** Keeps the parser's diagnosis but drops quoted values, which could be patient data. */
  static String scrub(String message) {
    if (message == null) return "unparseable";
    String m = message.split("\n")[0];
    m = m.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'");
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

}
