// medai intensity map: out = min(max(fmaf(float32(v), scale, offset), lo), hi), float32 out, with
// Java's Math.min/max semantics (NaN propagates), the device twin of CpuIntensity.map. One channel
// as a (nz, ny, nx) view with element strides; the output is contiguous. Launch: x/y threads cover
// i/j, z blocks loop over k with stride gridDim.z (no per-element division). Window/level, clip, scale,
// z-score (precomputed mean/std) and percentile normalisation (precomputed bounds) are all this map.

#define MEDAI_FN static __device__ __forceinline__

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

#define MEDAI_INTENSITY_MAP(SN, S)                                                                \
  extern "C" __global__ void medai_intensity_map_##SN(                                            \
      const S* __restrict__ src, float* __restrict__ dst, int nx, int ny, int nz,                 \
      long long si, long long sj, long long sk, float scale, float offset, float lo, float hi) {  \
    const int i = blockIdx.x * blockDim.x + threadIdx.x;                                          \
    const int j = blockIdx.y * blockDim.y + threadIdx.y;                                          \
    if (i >= nx || j >= ny) return;                                                               \
    for (int k = blockIdx.z; k < nz; k += gridDim.z) {                                            \
      float v = fmaf((float) src[i * si + j * sj + k * sk], scale, offset);                       \
      dst[((long long) k * ny + j) * nx + i] = medai_jminf(medai_jmaxf(v, lo), hi);               \
    }                                                                                             \
  }

MEDAI_INTENSITY_MAP(u8, unsigned char)
MEDAI_INTENSITY_MAP(i8, signed char)
MEDAI_INTENSITY_MAP(i16, short)
MEDAI_INTENSITY_MAP(u16, unsigned short)
MEDAI_INTENSITY_MAP(i32, int)
MEDAI_INTENSITY_MAP(f32, float)
MEDAI_INTENSITY_MAP(f64, double)
