// medai reorientation: a strided gather into a contiguous (C, D, H, W) output. The source view's
// strides (elements, any sign: flips are negative strides from a moved origin) encode the axis
// permutation; elements are copied bit for bit by size, so every dtype works. Launch: x/y threads
// cover output i/j, z blocks loop over the (channel, k) planes; the device twin of StridedCopy in
// org.medai.imaging.internal.transform.

#define MEDAI_PERMUTE_COPY(NAME, T)                                                               \
  extern "C" __global__ void NAME(const T* __restrict__ src, T* __restrict__ dst,                 \
                                  int n1, int n2, int n3, int planes,                             \
                                  long long s0, long long s1, long long s2, long long s3) {       \
    const int i = blockIdx.x * blockDim.x + threadIdx.x;                                          \
    const int j = blockIdx.y * blockDim.y + threadIdx.y;                                          \
    if (i >= n3 || j >= n2) return;                                                               \
    for (unsigned zz = blockIdx.z; zz < (unsigned) planes; zz += gridDim.z) {                     \
      const unsigned k = zz % (unsigned) n1, c = zz / (unsigned) n1;                              \
      dst[((long long) zz * n2 + j) * n3 + i] = src[c * s0 + k * s1 + j * s2 + i * s3];           \
    }                                                                                             \
  }

MEDAI_PERMUTE_COPY(medai_permute_copy_b1, unsigned char)
MEDAI_PERMUTE_COPY(medai_permute_copy_b2, unsigned short)
MEDAI_PERMUTE_COPY(medai_permute_copy_b4, unsigned int)
MEDAI_PERMUTE_COPY(medai_permute_copy_b8, unsigned long long)
