package org.medai.core;

/** A geometry is invalid (non-orthonormal direction, non-positive spacing) or two grids disagree. */
public class GeometryException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public GeometryException(String code, String message) {
    super(code, message);
  }

  public GeometryException(String message) {
    super("MEDAI-GEOM-000", message);
  }
}
