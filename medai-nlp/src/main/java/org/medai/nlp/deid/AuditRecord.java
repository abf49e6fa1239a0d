package org.medai.nlp.deid;

/**
 * One replacement made by {@link Deidentifier}: what kind of PHI, where it was, where its surrogate
 * is and how long it is. Never holds the original text. Immutable, thread-safe.
 *
 * @param type kind of PHI replaced
 * @param source how it was found
 * @param originalStart UTF-16 start in the input
 * @param originalEnd UTF-16 end (exclusive) in the input
 * @param surrogateStart UTF-16 start of the surrogate in the output
 * @param surrogateLength the surrogate's length in UTF-16 units
 */
public record AuditRecord(PhiType type, PhiSpan.Source source, int originalStart, int originalEnd,
                          int surrogateStart, int surrogateLength) {

  /** This record as a JSON object (offsets and type only). */
  public String toJson() {
    return "{\"type\":\"" + type + "\",\"source\":\"" + source + "\",\"start\":" + originalStart + ",\"end\":" + originalEnd
        + ",\"surrogateStart\":" + surrogateStart + ",\"surrogateLength\":" + surrogateLength + "}";
  }
}
