package org.medai.imaging.io.nifti;

import org.medai.core.tensor.Volume;

/**
 * A NIfTI image read into memory: the volume (LPS geometry, channels = the 4th and higher
 * dimensions, colour components split into channels) and the header it came from. The volume's
 * memory belongs to the scope passed to the reader.
 *
 * @param volume the voxels; values scaled by {@code scl_slope/scl_inter} when {@code scaled}
 * @param header the parsed header (RAS affines, codes, units)
 * @param scaled true when the reader applied {@code scl_slope/scl_inter} (the volume is then float)
 */
public record NiftiImage(Volume volume, NiftiHeader header, boolean scaled) {}
