package org.medai.imaging.internal.codec.j2k;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coding parameters of a JPEG 2000 codestream (ISO/IEC 15444-1 Annex A) as read from the SIZ,
 * COD/COC, QCD/QCC, RGN and POC marker segments. Mutable holders filled by {@link J2kCodestream},
 * copied per tile; confined to one decode call (not thread-safe).
 */
final class J2kParams {
  private J2kParams() {}

  /** Image and tile size (SIZ): reference-grid coordinates and per-component precision. */
  static final class Siz {
    long xsiz;
    long ysiz;
    long xo;
    long yo;
    long xt;
    long yt;
    long xto;
    long yto;
    int csiz;
    int[] precision;
    boolean[] signed;
    int tilesX;
    int tilesY;

    int numTiles() {
      return tilesX * tilesY;
    }
  }

  /** Per-component coding style (COD's SPcod or COC's SPcoc). */
  static final class CompStyle {
    int levels;
    int cbw;
    int cbh;
    int cbStyle;
    boolean reversible;
    /** Precinct size exponents per resolution, 15 when the default (maximal) precincts apply. */
    int[] ppx = new int[33];
    int[] ppy = new int[33];

    CompStyle copy() {
      CompStyle c = new CompStyle();
      c.levels = levels;
      c.cbw = cbw;
      c.cbh = cbh;
      c.cbStyle = cbStyle;
      c.reversible = reversible;
      c.ppx = ppx.clone();
      c.ppy = ppy.clone();
      return c;
    }
  }

  /** Quantization (QCD / QCC): style 0 none, 1 scalar derived, 2 scalar expounded. */
  static final class Quant {
    int style;
    int guardBits;
    int[] exponent = new int[0];
    int[] mantissa = new int[0];

    Quant copy() {
      Quant q = new Quant();
      q.style = style;
      q.guardBits = guardBits;
      q.exponent = exponent.clone();
      q.mantissa = mantissa.clone();
      return q;
    }

    /** Exponent of band {@code b} (0 = LL, then HL, LH, HH per resolution 1..NL); levels = NL. */
    int exponent(int band, int levels, int decompositionLevel) {
      if (style == 1) {
        return exponent[0] - levels + decompositionLevel;
      }
      return band < exponent.length ? exponent[band] : -1;
    }

    int mantissa(int band) {
      if (style == 1) {
        return mantissa[0];
      }
      return band < mantissa.length ? mantissa[band] : 0;
    }
  }

  /** One progression order change (POC entry). */
  record Poc(int resStart, int compStart, int layerEnd, int resEnd, int compEnd, int order) {}

  /** Tile-wide coding parameters: COD's Scod and SGcod, plus per-component styles. */
  static final class TileParams {
    int scod;
    int progression;
    int layers;
    int mct;
    CompStyle[] comp;
    Quant[] quant;
    int[] roiShift;
    boolean[] cocSet;
    boolean[] qccSet;
    List<Poc> pocs = new ArrayList<>();

    TileParams copy() {
      TileParams t = new TileParams();
      t.scod = scod;
      t.progression = progression;
      t.layers = layers;
      t.mct = mct;
      t.comp = new CompStyle[comp.length];
      t.quant = new Quant[quant.length];
      for (int i = 0; i < comp.length; i++) {
        t.comp[i] = comp[i] == null ? null : comp[i].copy();
        t.quant[i] = quant[i] == null ? null : quant[i].copy();
      }
      t.roiShift = roiShift.clone();
      t.cocSet = new boolean[comp.length];
      t.qccSet = new boolean[comp.length];
      t.pocs = new ArrayList<>(pocs);
      return t;
    }

    static TileParams empty(int components) {
      TileParams t = new TileParams();
      t.comp = new CompStyle[components];
      t.quant = new Quant[components];
      t.roiShift = new int[components];
      t.cocSet = new boolean[components];
      t.qccSet = new boolean[components];
      return t;
    }

    boolean sop() {
      return (scod & 2) != 0;
    }

    boolean eph() {
      return (scod & 4) != 0;
    }

    @Override
    public String toString() {
      return "TileParams[prog=" + progression + ", layers=" + layers + ", mct=" + mct + ", roi="
          + Arrays.toString(roiShift) + "]";
    }
  }
}
