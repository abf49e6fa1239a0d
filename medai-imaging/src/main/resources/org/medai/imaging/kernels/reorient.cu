// medai reorientation: a strided gather into a contiguous (C, D, H, W) output. The source view's
// strides (elements, any sign: flips are negative strides from a moved origin) encode the axis
// permutation; elements are copied bit for bit by size, so every dtype works. Grid-stride loop over
// the output elements; the device twin of StridedCopy in org.medai.imaging.internal.transform.

#define MEDAI_PERMUTE_COPY(NAME, T)                                                               \
  extern "C" __global__ void NAME(const T* __restrict__ src, T* __restrict__ dst,                 \
                                  long long n1, long long n2, long long n3, long long total,      \
                                  long long s0, long long s1, long long s2, long long s3) {       \
    const long long stride = (long long) blockDim.x * gridDim.x;                                  \
    for (long long e = (long long) blockIdx.x * blockDim.x + threadIdx.x; e < total; e += stride) { \
      const long long i = e % n3;                                                                 \
      const long long r = e / n3;                                                                 \
      const long long j = r % n2;                                                                 \
      const long long r2 = r / n2;                                                                \
      const long long k = r2 % n1;                                                                \
      const long long c = r2 / n1;                                                                \
      dst[e] = src[c * s0 + k * s1 + j * s2 + i * s3];                                            \
    }                                                                                             \
  }

MEDAI_PERMUTE_COPY(medai_permute_copy_b1, unsigned char)
MEDAI_PERMUTE_COPY(medai_permute_copy_b2, unsigned short)
MEDAI_PERMUTE_COPY(medai_permute_copy_b4, unsigned int)
MEDAI_PERMUTE_COPY(medai_permute_copy_b8, unsigned long long)
