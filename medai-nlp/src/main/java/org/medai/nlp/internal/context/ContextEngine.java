package org.medai.nlp.internal.context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medai.nlp.context.ConceptContext;
import org.medai.nlp.context.ContextCategory;
import org.medai.nlp.context.ContextLexicon;
import org.medai.nlp.context.ContextLexicon.Direction;
import org.medai.nlp.context.ContextLexicon.Kind;
import org.medai.nlp.context.ContextLexicon.Rule;
import org.medai.nlp.context.TriggerHit;
import org.medai.nlp.text.Span;

/**
 * The ConText scope engine: finds lexicon phrases in a sentence (longest match first, so
 * pseudo-triggers hide the triggers inside them), computes each trigger's scope (up to a
 * termination that closes its category, the window or the sentence boundary) and sets the
 * modifiers of every target inside a scope. Immutable after construction, thread-safe.
 */
public final class ContextEngine {

  private static final class Node {
    final Map<String, Node> next = new HashMap<>(4);
    List<Rule> rules;
  }

  private record Hit(int fromTok, int toTok, List<Rule> rules) {}

  private final Node root = new Node();
  private final int forwardWindow;
  private final int backwardWindow;

  public ContextEngine(ContextLexicon lexicon, int forwardWindow, int backwardWindow) {
    this.forwardWindow = forwardWindow;
    this.backwardWindow = backwardWindow;
    for (Rule r : lexicon.rules()) {
      ContextTokens t = ContextTokens.of(r.phrase(), 0, r.phrase().length());
      if (t.size == 0) continue;
      Node n = root;
      for (int i = 0; i < t.size; i++) n = n.next.computeIfAbsent(t.text[i], k -> new Node());
      if (n.rules == null) n.rules = new ArrayList<>(1);
      n.rules.add(r);
    }
  }

  /** Modifiers for each target (UTF-16 spans in {@code text}) inside the region {@code [from, to)}. */
  public List<ConceptContext> annotate(String text, int from, int to, List<Span> targets) {
    ContextTokens toks = ContextTokens.of(text, from, to);
    // Longest phrase at every token; pseudo-triggers then hide any phrase they overlap
    // (unless it contains them), and the
    // rest are taken left to right without overlap.
    Hit[] at = new Hit[toks.size];
    List<Hit> pseudos = new ArrayList<>();
    for (int i = 0; i < toks.size; i++) {
      Node n = root;
      for (int j = i; j < toks.size; j++) {
        n = n.next.get(toks.text[j]);
        if (n == null) break;
        if (n.rules != null) at[i] = new Hit(i, j + 1, n.rules);
      }
      if (at[i] != null && at[i].rules.stream().anyMatch(r -> r.kind() == Kind.PSEUDO)) {
        pseudos.add(at[i]);
      }
    }
    List<Hit> hits = new ArrayList<>();
    int i = 0;
    while (i < toks.size) {
      Hit h = at[i];
      if (h == null) {
        i++;
        continue;
      }
      boolean isPseudo = h.rules.stream().anyMatch(r -> r.kind() == Kind.PSEUDO);
      boolean hidden = false;
      for (Hit p : pseudos) {
        boolean overlaps = p.fromTok < h.toTok && h.fromTok < p.toTok;
        boolean inside = h.fromTok <= p.fromTok && p.toTok <= h.toTok;
        hidden |= !isPseudo && overlaps && !inside;
      }
      if (hidden) {
        i++;
        continue;
      }
      hits.add(h);
      i = h.toTok;
    }
    List<ConceptContext> out = new ArrayList<>(targets.size());
    for (int t = 0; t < targets.size(); t++) out.add(ConceptContext.DEFAULT);
    for (int h = 0; h < hits.size(); h++) {
      Hit hit = hits.get(h);
      if (hit.rules.stream().anyMatch(r -> r.kind() == Kind.PSEUDO)) continue;
      for (Rule r : hit.rules) {
        if (r.kind() != Kind.TRIGGER) continue;
        ContextCategory cat = r.categories().iterator().next();
        Span trig = new Span(toks.starts[hit.fromTok], toks.ends[hit.toTok - 1]);
        List<Span> scopes = new ArrayList<>(2);
        if (r.direction() == Direction.FORWARD || r.direction() == Direction.BOTH) {
          scopes.add(forwardScope(toks, hits, h, cat, to));
        }
        if (r.direction() == Direction.BACKWARD || r.direction() == Direction.BOTH) {
          scopes.add(backwardScope(toks, hits, h, cat, from));
        }
        for (int t = 0; t < targets.size(); t++) {
          Span target = targets.get(t);
          if (target.overlaps(trig)) continue;
          for (Span scope : scopes) {
            if (scope.length() > 0 && target.start() >= scope.start() && target.start() < scope.end()) {
              out.set(t, out.get(t).with(cat, new TriggerHit(cat, trig)));
              break;
            }
          }
        }
      }
    }
    return out;
  }

  private Span forwardScope(ContextTokens toks, List<Hit> hits, int h, ContextCategory cat, int regionEnd) {
    Hit hit = hits.get(h);
    int start = hit.toTok < toks.size ? toks.starts[hit.toTok] : regionEnd;
    int words = 0;
    int endTok = toks.size;
    int nextHit = h + 1;
    for (int k = hit.toTok; k < toks.size; k++) {
      while (nextHit < hits.size() && hits.get(nextHit).fromTok < k) nextHit++;
      if (nextHit < hits.size() && hits.get(nextHit).fromTok == k && terminates(hits.get(nextHit), cat)) {
        endTok = k;
        break;
      }
      if (toks.word[k] && ++words > forwardWindow) {
        endTok = k;
        break;
      }
    }
    int end = endTok < toks.size ? toks.starts[endTok] : regionEnd;
    return new Span(start, Math.max(start, end));
  }

  private Span backwardScope(ContextTokens toks, List<Hit> hits, int h, ContextCategory cat, int regionStart) {
    Hit hit = hits.get(h);
    int end = toks.starts[hit.fromTok];
    int words = 0;
    int startTok = 0;
    int prevHit = h - 1;
    for (int k = hit.fromTok - 1; k >= 0; k--) {
      while (prevHit >= 0 && hits.get(prevHit).toTok > k + 1) prevHit--;
      if (prevHit >= 0 && hits.get(prevHit).toTok == k + 1 && terminates(hits.get(prevHit), cat)) {
        startTok = k + 1;
        break;
      }
      if (toks.word[k] && ++words > backwardWindow) {
        startTok = k + 1;
        break;
      }
    }
    int start = startTok < toks.size ? toks.starts[startTok] : regionStart;
    return new Span(Math.min(start, end), end);
  }

  private static boolean terminates(Hit hit, ContextCategory cat) {
    for (Rule r : hit.rules) {
      if (r.kind() == Kind.TERMINATION && r.categories().contains(cat)) return true;
    }
    return false;
  }
}
