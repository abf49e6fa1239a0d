package org.medai.imaging.io.series;

import org.medai.core.MedaiException;

/**
 * A set of slices cannot be made into one volume as asked: mixed orientation or matrix size,
 * missing positions, gantry tilt, duplicate positions, irregular spacing. The message says which
 * slices (by index and instance number, never by patient data), what differed and which option
 * would accept it.
 */
public class SeriesAssemblyException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public SeriesAssemblyException(String code, String message) {
    super(code, message);
  }

  public SeriesAssemblyException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
