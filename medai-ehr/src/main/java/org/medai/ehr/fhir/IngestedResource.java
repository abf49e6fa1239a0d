package org.medai.ehr.fhir;

import org.hl7.fhir.r4.model.Resource;

/**
 * One parsed resource handed to a sink. The resource object is HAPI's mutable model; a sink that
 * keeps it past the callback owns it, but streaming sinks should extract what they need and drop it
 * so memory stays bounded.
 *
 * @param resource the parsed R4 resource
 * @param where file and line or entry index
 * @param fullUrl the Bundle entry's {@code fullUrl} (e.g. {@code urn:uuid:...}), or {@code null}
 */
public record IngestedResource(Resource resource, ResourceLocation where, String fullUrl) {

  /** {@code Type/id}, the id without history or base URL. */
  public String reference() {
    return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
  }
}
