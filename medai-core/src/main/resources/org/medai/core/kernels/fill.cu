// medai fill kernels: dst[i] = value for every element, one kernel per element width.
// The host converts the requested value to the destination dtype's bit pattern exactly as
// org.medai.core.internal.cpu.CpuKernels.fill does, so every DType maps onto one of these and the
// result is bit-identical to the CPU twin. Grid-stride loops with 64-bit indices: any length works.

#define MEDAI_FILL(NAME, T)                                                                   \
  extern "C" __global__ void NAME(T* __restrict__ dst, unsigned long long n,                 \
                                  unsigned long long bits) {                                  \
    const T v = (T) bits;                                                                     \
    const unsigned long long stride = (unsigned long long) blockDim.x * gridDim.x;           \
    for (unsigned long long i = (unsigned long long) blockIdx.x * blockDim.x + threadIdx.x;  \
         i < n; i += stride) {                                                                \
      dst[i] = v;                                                                             \
    }                                                                                         \
  }

MEDAI_FILL(medai_fill_u8, unsigned char)
MEDAI_FILL(medai_fill_u16, unsigned short)
MEDAI_FILL(medai_fill_u32, unsigned int)
MEDAI_FILL(medai_fill_u64, unsigned long long)
