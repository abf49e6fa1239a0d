package org.medai.nlp.context;

import java.util.List;
import java.util.Locale;
import org.medai.core.Json;
import org.medai.nlp.text.Section;
import org.medai.nlp.text.Sentence;
import org.medai.nlp.text.Span;

/**
 * Everything {@link NoteAnalyzer} found in one note. Immutable, thread-safe. Holds offsets, codes
 * and terminology terms only, never the note's text.
 *
 * @param length the note's length in UTF-16 units
 * @param sentences sentences in order
 * @param sections sections in order
 * @param concepts concept mentions in order, each with its context
 */
public record NoteAnalysis(int length, List<Sentence> sentences, List<Section> sections, List<AnnotatedConcept> concepts) {

  public NoteAnalysis {
    sentences = List.copyOf(sentences);
    sections = List.copyOf(sections);
    concepts = List.copyOf(concepts);
  }

  /**
   * This analysis as one JSON object. With {@code note} non-null, each sentence and concept also
   * carries its text (the caller decides whether that may leave the process).
   */
  public String toJson(String note) {
    StringBuilder sb = new StringBuilder(256 + 64 * (sentences.size() + concepts.size()));
    sb.append("{\"length\":").append(length).append(",\"sentences\":[");
    for (int i = 0; i < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      if (i > 0) sb.append(',');
      sb.append("{\"start\":").append(s.start()).append(",\"end\":").append(s.end());
      if (note != null) sb.append(",\"text\":").append(Json.quote(s.text(note)));
      sb.append('}');
    }
    sb.append("],\"sections\":[");
    for (int i = 0; i < sections.size(); i++) {
      Section s = sections.get(i);
      if (i > 0) sb.append(',');
      sb.append("{\"name\":").append(Json.quote(s.name())).append(",\"header\":");
      span(sb, s.header()).append(",\"start\":").append(s.span().start()).append(",\"end\":").append(s.span().end()).append('}');
    }
    sb.append("],\"concepts\":[");
    for (int i = 0; i < concepts.size(); i++) {
      AnnotatedConcept c = concepts.get(i);
      ConceptContext x = c.context();
      if (i > 0) sb.append(',');
      sb.append("{\"code\":").append(Json.quote(c.concept().code()))
          .append(",\"term\":").append(Json.quote(c.concept().term()))
          .append(",\"start\":").append(c.concept().span().start()).append(",\"end\":").append(c.concept().span().end());
      if (note != null) sb.append(",\"text\":").append(Json.quote(c.concept().span().of(note)));
      sb.append(",\"sentence\":").append(c.sentenceIndex())
          .append(",\"section\":").append(c.section().isEmpty() ? "null" : Json.quote(c.section()))
          .append(",\"negated\":").append(x.negated()).append(",\"possible\":").append(x.possible())
          .append(",\"hypothetical\":").append(x.hypothetical()).append(",\"historical\":").append(x.historical())
          .append(",\"experiencer\":").append(Json.quote(x.experiencer().name().toLowerCase(Locale.ROOT)))
          .append(",\"triggers\":[");
      for (int k = 0; k < x.triggers().size(); k++) {
        TriggerHit t = x.triggers().get(k);
        if (k > 0) sb.append(',');
        sb.append("{\"category\":").append(Json.quote(t.category().name().toLowerCase(Locale.ROOT))).append(",\"span\":");
        span(sb, t.span()).append('}');
      }
      sb.append("]}");
    }
    return sb.append("]}").toString();
  }

  private static StringBuilder span(StringBuilder sb, Span s) {
    return sb.append('[').append(s.start()).append(',').append(s.end()).append(']');
  }
}
