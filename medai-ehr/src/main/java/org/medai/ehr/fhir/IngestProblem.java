package org.medai.ehr.fhir;

/**
 * One bad resource or line found during ingestion. Carries no patient data: a location, the resource
 * type and id when they could be read, a stable reason code and a one-sentence detail taken from the
 * parser's diagnostics (element names and positions, not values).
 *
 * @param where file and line or entry index
 * @param resourceType the resource type, or {@code null} when it could not be read
 * @param resourceId the resource id, or {@code null} when it could not be read
 * @param reason stable reason code: {@code malformed-json}, {@code invalid-resource},
 *     {@code too-large}, {@code not-a-resource}
 * @param detail what was wrong, for a human
 */
public record IngestProblem(ResourceLocation where, String resourceType, String resourceId, String reason,
                            String detail) {

  @Override
  public String toString() {
    return where + " " + (resourceType == null ? "?" : resourceType) + "/" + (resourceId == null ? "?" : resourceId)
        + ": " + reason + " (" + detail + ")";
  }
}
