// medai resampling kernels: the device twins of org.medai.imaging.internal.transform.CpuResampler
// and BSplinePrefilter. Every float32 operation is the one the CPU reference performs, in the same
// order; compiled with --fmad=false so that only the written fmaf calls fuse (ResamplePlan's
// arithmetic contract). Self-contained (NVRTC gets no include path).
//
// Launch: x/y threads cover output i/j; z blocks loop over (channel, k) planes with stride gridDim.z
// (no per-element division; channels x k must stay below 2^32). medai_bspline_load is launched the
// same way over the source; the prefilter runs one thread per line with a grid-stride loop.
// Source strides are in elements (any sign); the output is contiguous (C, k, j, i).
// Boundary modes: 0 constant (fill outside [-0.5, n-0.5]), 1 edge (clamp), 2 mirror (period 2(n-1)).
// Axis kernels of the taps path: 0 nearest, 1 linear, 2 cubic B-spline.

#define MEDAI_FN static __device__ __forceinline__

// Java's Math.max / Math.min on floats (NaN propagates, +0 > -0), so clamps match the CPU bit for bit.
MEDAI_FN float medai_jmaxf(float a, float b) {
  if (a != a) return a;
  if (a == 0.0f && b == 0.0f && copysignf(1.0f, a) < 0.0f) return b;
  return a >= b ? a : b;
}

MEDAI_FN float medai_jminf(float a, float b) {
  if (a != a) return a;
  if (a == 0.0f && b == 0.0f && copysignf(1.0f, b) < 0.0f) return b;
  return a <= b ? a : b;
}

// Maps a source coordinate into [0, n1] per the boundary; false when outside under CONSTANT.
MEDAI_FN bool medai_map(float x, float n1, float period, int mode, float* out) {
  if (mode == 2) {
    if (n1 == 0.0f) {
      *out = 0.0f;
      return true;
    }
    float r = fmodf(fabsf(x), period);
    *out = r > n1 ? period - r : r;
    return true;
  }
  if (mode == 0 && (x < -0.5f || x > n1 + 0.5f)) return false;
  *out = medai_jminf(medai_jmaxf(x, 0.0f), n1);
  return true;
}

MEDAI_FN float medai_lerp(float a, float b, float f) {
  return fmaf(f, b - a, a);
}

// Whole-sample mirror of an index into [0, n-1], period 2(n-1).
MEDAI_FN int medai_reflect(int q, int n) {
  if (q >= 0 && q < n) return q;
  if (n == 1) return 0;
  int period = 2 * (n - 1);
  int r = abs(q) % period;
  return r >= n ? period - r : r;
}

// Taps of one axis: element offsets (index * stride) and weights; returns the tap count.
MEDAI_FN int medai_taps(int kind, float x, int n, long long stride, long long* off, float* w) {
  if (kind == 0) {
    off[0] = (long long) (int) (x + 0.5f) * stride;
    w[0] = 1.0f;
    return 1;
  }
  if (kind == 1) {
    int q = (int) x;
    float f = x - q;
    off[0] = (long long) q * stride;
    off[1] = (long long) (q < n - 1 ? q + 1 : q) * stride;
    w[0] = 1.0f - f;
    w[1] = f;
    return 2;
  }
  int q = (int) x;
  float t = x - q;
  float t2 = t * t;
  float t3 = t2 * t;
  float omt = 1.0f - t;
  float w0 = omt * omt * omt * (1.0f / 6.0f);
  float w3 = t3 * (1.0f / 6.0f);
  float w1 = fmaf(0.5f, t3, fmaf(-1.0f, t2, 2.0f / 3.0f));
  w[0] = w0;
  w[1] = w1;
  w[2] = ((1.0f - w0) - w1) - w3;
  w[3] = w3;
  for (int m = 0; m < 4; m++) off[m] = (long long) medai_reflect(q - 1 + m, n) * stride;
  return 4;
}

// Integer stores round half away from zero and saturate; NaN stores 0 (VoxelAccess.store).
MEDAI_FN double medai_round_sat(double v, double lo, double hi) {
  if (v != v) return 0.0;
  double r = v < 0.0 ? ceil(v - 0.5) : floor(v + 0.5);
  return r < lo ? lo : (r > hi ? hi : r);
}

MEDAI_FN void medai_store(unsigned char* p, double v) { *p = (unsigned char) (int) medai_round_sat(v, 0.0, 255.0); }
MEDAI_FN void medai_store(signed char* p, double v) { *p = (signed char) (int) medai_round_sat(v, -128.0, 127.0); }
MEDAI_FN void medai_store(short* p, double v) { *p = (short) (int) medai_round_sat(v, -32768.0, 32767.0); }
MEDAI_FN void medai_store(unsigned short* p, double v) { *p = (unsigned short) (int) medai_round_sat(v, 0.0, 65535.0); }
MEDAI_FN void medai_store(int* p, double v) { *p = (int) (long long) medai_round_sat(v, -2147483648.0, 2147483647.0); }
MEDAI_FN void medai_store(float* p, double v) { *p = (float) v; }
MEDAI_FN void medai_store(double* p, double v) { *p = v; }

// The parameters every resample kernel shares: output extent and channels, source extent, source
// strides (elements), the 3x4 output-index -> source-index affine (row-major), the boundary mode.
#define MEDAI_GRID_PARAMS                                                                         \
  int ni, int nj, int nk, int nc, int sx, int sy, int sz,                                         \
  long long si, long long sj, long long sk, long long sc,                                         \
  float a0, float a1, float a2, float a3, float a4, float a5, float a6, float a7,                 \
  float a8, float a9, float a10, float a11, int mode

// Opens the per-voxel loop: defines i, j, k, c, the output element index o and, when the sample is
// inside the field, the mapped coordinates x, y, z (inside == true).
#define MEDAI_FOR_EACH_VOXEL                                                                      \
  const int i = blockIdx.x * blockDim.x + threadIdx.x;                                            \
  const int j = blockIdx.y * blockDim.y + threadIdx.y;                                            \
  if (i >= ni || j >= nj) return;                                                                 \
  const float mx = (float) (sx - 1), my = (float) (sy - 1), mz = (float) (sz - 1);                \
  const float px = 2.0f * mx, py = 2.0f * my, pz = 2.0f * mz;                                     \
  const unsigned planes = (unsigned) nk * (unsigned) nc;                                          \
  for (unsigned zz = blockIdx.z; zz < planes; zz += gridDim.z) {                                  \
    const int k = (int) (zz % (unsigned) nk); /* 32-bit: 64-bit division costs several times more */ \
    const int c = (int) (zz / (unsigned) nk);                                                     \
    const long long o = ((long long) zz * nj + j) * (long long) ni + i;                           \
    const float bx = fmaf(a1, (float) j, fmaf(a2, (float) k, a3));                                \
    const float by = fmaf(a5, (float) j, fmaf(a6, (float) k, a7));                                \
    const float bz = fmaf(a9, (float) j, fmaf(a10, (float) k, a11));                              \
    float x, y, z;                                                                                \
    const bool inside = medai_map(fmaf(a0, (float) i, bx), mx, px, mode, &x)                      \
        & medai_map(fmaf(a4, (float) i, by), my, py, mode, &y)                                    \
        & medai_map(fmaf(a8, (float) i, bz), mz, pz, mode, &z);

#define MEDAI_END_FOR_EACH_VOXEL }

// Nearest: (int)(x + 0.5f) per axis; raw != 0 copies the element unchanged (same dtype, no rescale),
// otherwise float32(v), rescaled when asked, stored with the output dtype's conversion.
template <typename S, typename O>
MEDAI_FN void medai_nearest(const S* __restrict__ src, O* __restrict__ dst, MEDAI_GRID_PARAMS,
                            int raw, int rescale, float slope, float intercept, double fill) {
  MEDAI_FOR_EACH_VOXEL
  if (!inside) {
    medai_store(dst + o, fill);
    continue;
  }
  const S* s = src + c * sc + (long long) (int) (x + 0.5f) * si + (long long) (int) (y + 0.5f) * sj
      + (long long) (int) (z + 0.5f) * sk;
  if (raw) {
    dst[o] = (O) *s;
  } else {
    float v = (float) *s;
    medai_store(dst + o, (double) (rescale ? fmaf(v, slope, intercept) : v));
  }
  MEDAI_END_FOR_EACH_VOXEL
}

// Trilinear: lerp along k, then j, then i (CpuResampler.trilinear), float32 out.
template <typename S>
MEDAI_FN void medai_linear(const S* __restrict__ src, float* __restrict__ dst, MEDAI_GRID_PARAMS,
                           int rescale, float slope, float intercept, float fill) {
  MEDAI_FOR_EACH_VOXEL
  if (!inside) {
    dst[o] = fill;
    continue;
  }
  const int i0 = (int) x, j0 = (int) y, k0 = (int) z;
  const long long di = i0 < sx - 1 ? si : 0, dj = j0 < sy - 1 ? sj : 0, dk = k0 < sz - 1 ? sk : 0;
  const S* b = src + c * sc + i0 * si + j0 * sj + k0 * sk;
  const float fx = x - i0, fy = y - j0, fz = z - k0;
  float c000 = (float) b[0], c100 = (float) b[di];
  float c010 = (float) b[dj], c110 = (float) b[dj + di];
  float c001 = (float) b[dk], c101 = (float) b[dk + di];
  float c011 = (float) b[dk + dj], c111 = (float) b[dk + dj + di];
  float g0 = medai_lerp(medai_lerp(c000, c001, fz), medai_lerp(c010, c011, fz), fy);
  float g1 = medai_lerp(medai_lerp(c100, c101, fz), medai_lerp(c110, c111, fz), fy);
  float v = medai_lerp(g0, g1, fx);
  dst[o] = rescale ? fmaf(v, slope, intercept) : v;
  MEDAI_END_FOR_EACH_VOXEL
}

// Separable taps (B-spline on prefiltered coefficients, or mixed per-axis kernels): k taps
// innermost, then j, then i, each accumulated with fmaf from 0 (CpuResampler.rowTaps).
template <typename S>
MEDAI_FN void medai_taps_kernel(const S* __restrict__ src, float* __restrict__ dst, MEDAI_GRID_PARAMS,
                                int kx, int ky, int kz, int rescale, float slope, float intercept,
                                float fill) {
  MEDAI_FOR_EACH_VOXEL
  if (!inside) {
    dst[o] = fill;
    continue;
  }
  long long oi[4], oj[4], ok[4];
  float wi[4], wj[4], wk[4];
  const int ti = medai_taps(kx, x, sx, si, oi, wi);
  const int tj = medai_taps(ky, y, sy, sj, oj, wj);
  const int tk = medai_taps(kz, z, sz, sk, ok, wk);
  const S* base = src + c * sc;
  float acc = 0.0f;
  for (int a = 0; a < ti; a++) {
    float accJ = 0.0f;
    for (int q = 0; q < tj; q++) {
      const S* col = base + oi[a] + oj[q];
      float accK = 0.0f;
      for (int r = 0; r < tk; r++) accK = fmaf(wk[r], (float) col[ok[r]], accK);
      accJ = fmaf(wj[q], accK, accJ);
    }
    acc = fmaf(wi[a], accJ, acc);
  }
  dst[o] = rescale ? fmaf(acc, slope, intercept) : acc;
  MEDAI_END_FOR_EACH_VOXEL
}

// Label-aware linear: each label's trilinear weight among the 8 neighbours is summed (plain float
// products and adds, in CpuResampler.rowLabel's order); the largest wins, ties to the smaller label.
template <typename S>
MEDAI_FN void medai_label(const S* __restrict__ src, S* __restrict__ dst, MEDAI_GRID_PARAMS, double fill) {
  MEDAI_FOR_EACH_VOXEL
  if (!inside) {
    medai_store(dst + o, fill);
    continue;
  }
  long long oi[2], oj[2], ok[2];
  float wi[2], wj[2], wk[2];
  medai_taps(1, x, sx, si, oi, wi);
  medai_taps(1, y, sy, sj, oj, wj);
  medai_taps(1, z, sz, sk, ok, wk);
  double labels[8];
  float acc[8];
  int n = 0;
  const S* base = src + c * sc;
  for (int r = 0; r < 2; r++) {
    for (int q = 0; q < 2; q++) {
      float wjk = wj[q] * wk[r];
      const S* row = base + ok[r] + oj[q];
      for (int a = 0; a < 2; a++) {
        float w = wi[a] * wjk;
        double label = (double) row[oi[a]];
        int m = 0;
        while (m < n && labels[m] != label) m++;
        if (m == n) {
          labels[n] = label;
          acc[n++] = w;
        } else {
          acc[m] += w;
        }
      }
    }
  }
  int best = 0;
  for (int m = 1; m < n; m++) {
    if (acc[m] > acc[best] || (acc[m] == acc[best] && labels[m] < labels[best])) best = m;
  }
  medai_store(dst + o, labels[best]);
  MEDAI_END_FOR_EACH_VOXEL
}

#define MEDAI_GRID_ARGS ni, nj, nk, nc, sx, sy, sz, si, sj, sk, sc, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, mode

#define MEDAI_NEAREST(SN, S, ON, O)                                                               \
  extern "C" __global__ void medai_resample_nearest_##SN##_##ON(                                  \
      const S* __restrict__ src, O* __restrict__ dst, MEDAI_GRID_PARAMS, int raw, int rescale,    \
      float slope, float intercept, double fill) {                                                \
    medai_nearest<S, O>(src, dst, MEDAI_GRID_ARGS, raw, rescale, slope, intercept, fill);         \
  }

#define MEDAI_PER_SOURCE(SN, S)                                                                   \
  MEDAI_NEAREST(SN, S, SN, S)                                                                     \
  extern "C" __global__ void medai_resample_linear_##SN(                                          \
      const S* __restrict__ src, float* __restrict__ dst, MEDAI_GRID_PARAMS, int rescale,         \
      float slope, float intercept, float fill) {                                                 \
    medai_linear<S>(src, dst, MEDAI_GRID_ARGS, rescale, slope, intercept, fill);                  \
  }                                                                                               \
  extern "C" __global__ void medai_resample_taps_##SN(                                            \
      const S* __restrict__ src, float* __restrict__ dst, MEDAI_GRID_PARAMS, int kx, int ky,      \
      int kz, int rescale, float slope, float intercept, float fill) {                            \
    medai_taps_kernel<S>(src, dst, MEDAI_GRID_ARGS, kx, ky, kz, rescale, slope, intercept, fill); \
  }                                                                                               \
  extern "C" __global__ void medai_resample_label_##SN(                                           \
      const S* __restrict__ src, S* __restrict__ dst, MEDAI_GRID_PARAMS, double fill) {           \
    medai_label<S>(src, dst, MEDAI_GRID_ARGS, fill);                                              \
  }                                                                                               \
  extern "C" __global__ void medai_bspline_load_##SN(                                             \
      const S* __restrict__ src, float* __restrict__ coeff, int nx, int ny, int nz,               \
      long long si, long long sj, long long sk) {                                                 \
    const int i = blockIdx.x * blockDim.x + threadIdx.x;                                          \
    const int j = blockIdx.y * blockDim.y + threadIdx.y;                                          \
    if (i >= nx || j >= ny) return;                                                               \
    for (int k = blockIdx.z; k < nz; k += gridDim.z) {                                            \
      coeff[((long long) k * ny + j) * nx + i] = (float) src[i * si + j * sj + k * sk];           \
    }                                                                                             \
  }

// Nearest into a float type other than the source's.
#define MEDAI_NEAREST_TO_FLOATS(SN, S) MEDAI_NEAREST(SN, S, f32, float) MEDAI_NEAREST(SN, S, f64, double)

MEDAI_NEAREST_TO_FLOATS(u8, unsigned char)
MEDAI_NEAREST_TO_FLOATS(i8, signed char)
MEDAI_NEAREST_TO_FLOATS(i16, short)
MEDAI_NEAREST_TO_FLOATS(u16, unsigned short)
MEDAI_NEAREST_TO_FLOATS(i32, int)
MEDAI_NEAREST(f32, float, f64, double)
MEDAI_NEAREST(f64, double, f32, float)

MEDAI_PER_SOURCE(u8, unsigned char)
MEDAI_PER_SOURCE(i8, signed char)
MEDAI_PER_SOURCE(i16, short)
MEDAI_PER_SOURCE(u16, unsigned short)
MEDAI_PER_SOURCE(i32, int)
MEDAI_PER_SOURCE(f32, float)
MEDAI_PER_SOURCE(f64, double)

// The exact cubic B-spline prefilter along one axis (BSplinePrefilter.filterLine): one thread per
// line of a contiguous (nz, ny, nx) float32 coefficient volume. axis 0 = i, 1 = j, 2 = k; z is the
// pole sqrt(3) - 2 and anti = z / (z*z - 1), both computed by the caller as the CPU does.
extern "C" __global__ void medai_bspline_prefilter(float* __restrict__ c, int nx, int ny, int nz, int axis,
                                                   float z, float anti) {
  const int n = axis == 0 ? nx : (axis == 1 ? ny : nz);
  if (n < 2) return;
  const long long step = axis == 0 ? 1 : (axis == 1 ? (long long) nx : (long long) nx * ny);
  const long long lines = (long long) nx * ny * nz / n;
  const long long stride = (long long) blockDim.x * gridDim.x;
  for (long long l = (long long) blockIdx.x * blockDim.x + threadIdx.x; l < lines; l += stride) {
    long long start;
    if (axis == 0) start = l * nx;
    else if (axis == 1) start = (l / nx) * ((long long) nx * ny) + l % nx;
    else start = l;
    float* p = c + start;
    for (int e = 0; e < n; e++) p[e * step] *= 6.0f;
    float zn1 = 1.0f;
    for (int m = 0; m < n - 1 && zn1 != 0.0f; m++) zn1 *= z;
    float c0 = fmaf(zn1, p[(n - 1) * step], p[0]);
    float zi = z;
    for (int m = 1; m < n - 1 && zi != 0.0f; m++) {
      c0 = fmaf(zi, fmaf(zn1, p[(n - 1 - m) * step], p[m * step]), c0);
      zi *= z;
    }
    float prev = c0 / (1.0f - zn1 * zn1);
    p[0] = prev;
    for (int m = 1; m < n; m++) {
      prev = fmaf(z, prev, p[m * step]);
      p[m * step] = prev;
    }
    float next = fmaf(z, p[(n - 2) * step], p[(n - 1) * step]) * anti;
    p[(n - 1) * step] = next;
    for (int m = n - 2; m >= 0; m--) {
      next = z * (next - p[m * step]);
      p[m * step] = next;
    }
  }
}
