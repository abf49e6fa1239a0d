package org.medai.imaging.io.series;

import org.medai.core.tensor.Volume;

/**
 * An assembled series. When every slice shares one rescale, the volume holds the stored values
 * (their DICOM type) and {@code rescaleSlope/rescaleIntercept} say how to get physical values
 * (HU for CT); when slices differ, the volume is float32 with each slice's rescale applied, and the
 * rescale is the identity. The volume's memory belongs to the scope passed to the assembler.
 *
 * @param volume voxels in LPS geometry; channels = samples per pixel
 * @param plan how the slices were placed
 * @param rescaleSlope slope still to apply (1 when applied)
 * @param rescaleIntercept intercept still to apply (0 when applied)
 * @param rescaleApplied true when the volume is float32 with per-slice rescales applied
 */
public record SeriesVolume(Volume volume, SeriesPlan plan, double rescaleSlope, double rescaleIntercept,
                           boolean rescaleApplied) {}
