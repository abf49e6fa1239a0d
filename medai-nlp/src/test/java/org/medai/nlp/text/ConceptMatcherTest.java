package org.medai.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptMatcherTest {

  private static final Terminology T = Terminology.parse(new StringReader("""
      # code<TAB>term
      C1\theart failure
      C2\tcongestive heart failure
      C3\tpleural effusion
      C4\tchest pain
      C5\tpain
      C6\tdiabetes
      C6b\tdiabetes
      C7\tbeta blocker
      C8,rib fracture
      """), "test");

  private static String show(String text, List<ConceptMatch> ms) {
    StringBuilder sb = new StringBuilder();
    for (ConceptMatch m : ms) sb.append(m.code()).append('=').append(m.span().of(text)).append(';');
    return sb.toString();
  }

  @Test
  void match_longestOverlapping_keepsLongest() {
    String s = "Known Congestive Heart Failure with chest pain and back pain.";
    assertEquals("C2=Congestive Heart Failure;C4=chest pain;C5=pain;", show(s, ConceptMatcher.of(T).match(s)));
  }

  @Test
  void match_pluralsCaseAndHyphens_normalised() {
    String s = "Bilateral PLEURAL EFFUSIONS; on beta-blockers; two rib fractures.";
    assertEquals("C3=PLEURAL EFFUSIONS;C7=beta-blockers;C8=rib fractures;", show(s, ConceptMatcher.of(T).match(s)));
    assertEquals("", show(s, ConceptMatcher.withoutPluralNormalization(T).match(s)));
  }

  @Test
  void match_termWithTwoCodes_oneMatchPerCodeSameSpan() {
    String s = "diabetes";
    assertEquals("C6=diabetes;C6b=diabetes;", show(s, ConceptMatcher.of(T).match(s)));
  }

  @Test
  void match_acrossSentenceOrComma_notJoined() {
    String s = "Chest. Pain is better. chest, pain";
    List<Sentence> ss = SentenceSplitter.clinical().split(s);
    assertEquals("C5=Pain;C5=pain;", show(s, ConceptMatcher.of(T).match(s, ss)));
  }

  @Test
  void match_offsets_areUtf16IntoOriginal() {
    String s = "\uD83D\uDE00 Chest pain";
    ConceptMatch m = ConceptMatcher.of(T).match(s).get(0);
    assertEquals(3, m.span().start());
    assertEquals(13, m.span().end());
  }
}
