// medai reductions on one channel (a (nz, ny, nx) view with element strides): the device twins of
// CpuIntensity.moments, CpuIntensity.percentiles' histogram scans and CropPad.foregroundBox. No
// shared memory and no barriers: every thread writes its own partial result (moments: one double per
// slice, summed in the CPU's exact order, so the host combines them bit for bit like the CPU), or
// updates a few global counters with integer atomics (histograms, bounding box), whose result does
// not depend on the order.
//
// Masks: medai_mask_flags_<m> turns any-dtype mask channel 0 into contiguous 0/1 bytes
// (float32(m) > 0, as CpuIntensity tests it); the reductions take those flags and use_mask (0: the
// flags pointer is a 1-byte placeholder and is not read).

#define MEDAI_RFN static __device__ __forceinline__

#define MEDAI_MASK_FLAGS(SN, S)                                                                   \
  extern "C" __global__ void medai_mask_flags_##SN(                                               \
      const S* __restrict__ mask, unsigned char* __restrict__ flags, int nx, int ny, int nz,      \
      long long si, long long sj, long long sk) {                                                 \
    const int i = blockIdx.x * blockDim.x + threadIdx.x;                                          \
    const int j = blockIdx.y * blockDim.y + threadIdx.y;                                          \
    if (i >= nx || j >= ny) return;                                                               \
    for (int k = blockIdx.z; k < nz; k += gridDim.z) {                                            \
      flags[((long long) k * ny + j) * nx + i] = (float) mask[i * si + j * sj + k * sk] > 0.0f;   \
    }                                                                                             \
  }

// Per slice k (one thread each, grid-stride): out[2k] = count, out[2k + 1] = sum of float32(v),
// accumulated in double in (j, i) order exactly as CpuIntensity.moments' first pass.
#define MEDAI_MOMENTS_SUM(SN, S)                                                                  \
  extern "C" __global__ void medai_moments_sum_##SN(                                              \
      const S* __restrict__ src, const unsigned char* __restrict__ flags, int use_mask,           \
      int nx, int ny, int nz, long long si, long long sj, long long sk, double* __restrict__ out) { \
    for (long long k = (long long) blockIdx.x * blockDim.x + threadIdx.x; k < nz;                 \
         k += (long long) gridDim.x * blockDim.x) {                                               \
      long long c = 0;                                                                            \
      double acc = 0;                                                                             \
      for (long long j = 0; j < ny; j++) {                                                        \
        const S* row = src + j * sj + k * sk;                                                     \
        const unsigned char* frow = use_mask ? flags + (k * ny + j) * nx : flags;                 \
        for (long long i = 0; i < nx; i++) {                                                      \
          if (use_mask && !frow[i]) continue;                                                     \
          acc += (double) (float) row[i * si];                                                    \
          c++;                                                                                    \
        }                                                                                         \
      }                                                                                           \
      out[2 * k] = (double) c;                                                                    \
      out[2 * k + 1] = acc;                                                                       \
    }                                                                                             \
  }

// Per slice k: out[k] = sum of (float32(v) - mean)^2 in double, CpuIntensity.moments' second pass.
#define MEDAI_MOMENTS_DEV(SN, S)                                                                  \
  extern "C" __global__ void medai_moments_dev_##SN(                                              \
      const S* __restrict__ src, const unsigned char* __restrict__ flags, int use_mask,           \
      int nx, int ny, int nz, long long si, long long sj, long long sk, double mean,              \
      double* __restrict__ out) {                                                                 \
    for (long long k = (long long) blockIdx.x * blockDim.x + threadIdx.x; k < nz;                 \
         k += (long long) gridDim.x * blockDim.x) {                                               \
      double acc = 0;                                                                             \
      for (long long j = 0; j < ny; j++) {                                                        \
        const S* row = src + j * sj + k * sk;                                                     \
        const unsigned char* frow = use_mask ? flags + (k * ny + j) * nx : flags;                 \
        for (long long i = 0; i < nx; i++) {                                                      \
          if (use_mask && !frow[i]) continue;                                                     \
          double x = (double) (float) row[i * si] - mean;                                         \
          acc += x * x;                                                                           \
        }                                                                                         \
      }                                                                                           \
      out[k] = acc;                                                                               \
    }                                                                                             \
  }

// The order-preserving unsigned key of a float32 (CpuIntensity.key).
MEDAI_RFN unsigned int medai_float_key(float v) {
  int b = __float_as_int(v);
  return (unsigned int) (b ^ ((b >> 31) & 0x7fffffff)) ^ 0x80000000u;
}

// Histogram of the key's high 16 bits (top_bin < 0) or of its low 16 bits within one high bin,
// NaNs skipped; hist has 65536 64-bit counters (zeroed by the caller). Threads cover (i, j), z blocks
// loop over k.
#define MEDAI_KEY_HISTOGRAM(SN, S)                                                                \
  extern "C" __global__ void medai_key_histogram_##SN(                                            \
      const S* __restrict__ src, const unsigned char* __restrict__ flags, int use_mask,           \
      int nx, int ny, int nz, long long si, long long sj, long long sk, int top_bin,              \
      unsigned long long* __restrict__ hist) {                                                    \
    const int i = blockIdx.x * blockDim.x + threadIdx.x;                                          \
    const int j = blockIdx.y * blockDim.y + threadIdx.y;                                          \
    if (i >= nx || j >= ny) return;                                                               \
    for (int k = blockIdx.z; k < nz; k += gridDim.z) {                                            \
      if (use_mask && !flags[((long long) k * ny + j) * nx + i]) continue;                        \
      float v = (float) src[i * si + j * sj + k * sk];                                            \
      if (v != v) continue;                                                                       \
      unsigned int u = medai_float_key(v);                                                        \
      if (top_bin < 0) atomicAdd(hist + (u >> 16), 1ull);                                        \
      else if ((int) (u >> 16) == top_bin) atomicAdd(hist + (u & 0xffffu), 1ull);                \
    }                                                                                             \
  }

// Bounding box of the voxels whose exact value is > threshold: one thread per row (j, k), grid
// stride; box = {min i, min j, min k, max i, max j, max k}, initialised by the caller to
// {INT_MAX x3, -1 x3}.
#define MEDAI_FOREGROUND_BOX(SN, S)                                                               \
  extern "C" __global__ void medai_foreground_box_##SN(                                           \
      const S* __restrict__ src, int nx, int ny, int nz, long long si, long long sj, long long sk, \
      double threshold, int* __restrict__ box) {                                                  \
    const long long rows = (long long) ny * nz;                                                   \
    for (long long r = (long long) blockIdx.x * blockDim.x + threadIdx.x; r < rows;              \
         r += (long long) gridDim.x * blockDim.x) {                                               \
      const int j = (int) (r % ny), k = (int) (r / ny);                                           \
      const S* row = src + j * sj + k * sk;                                                       \
      int first = -1, last = -1;                                                                  \
      for (int i = 0; i < nx; i++) {                                                              \
        if ((double) row[i * si] > threshold) {                                                   \
          if (first < 0) first = i;                                                               \
          last = i;                                                                               \
        }                                                                                         \
      }                                                                                           \
      if (first < 0) continue;                                                                    \
      atomicMin(box, first);                                                                      \
      atomicMin(box + 1, j);                                                                      \
      atomicMin(box + 2, k);                                                                      \
      atomicMax(box + 3, last);                                                                   \
      atomicMax(box + 4, j);                                                                      \
      atomicMax(box + 5, k);                                                                      \
    }                                                                                             \
  }

#define MEDAI_REDUCE_ALL(SN, S) \
  MEDAI_MASK_FLAGS(SN, S)       \
  MEDAI_MOMENTS_SUM(SN, S)      \
  MEDAI_MOMENTS_DEV(SN, S)      \
  MEDAI_KEY_HISTOGRAM(SN, S)    \
  MEDAI_FOREGROUND_BOX(SN, S)

MEDAI_REDUCE_ALL(u8, unsigned char)
MEDAI_REDUCE_ALL(i8, signed char)
MEDAI_REDUCE_ALL(i16, short)
MEDAI_REDUCE_ALL(u16, unsigned short)
MEDAI_REDUCE_ALL(i32, int)
MEDAI_REDUCE_ALL(f32, float)
MEDAI_REDUCE_ALL(f64, double)
