// medai dtype conversion with rescale: dst[i] = fmaf((float) src[i], slope, intercept), float32 out.
// This is the DICOM modality rescale (stored value x RescaleSlope + RescaleIntercept). The casts
// round to nearest (int32 and float64 sources), like Java's (float) casts, and the fused
// multiply-add rounds once, like Math.fma in org.medai.core.internal.cpu.CpuKernels.convert.

#define MEDAI_CONVERT(NAME, T)                                                                \
  extern "C" __global__ void NAME(const T* __restrict__ src, float* __restrict__ dst,        \
                                  unsigned long long n, float slope, float intercept) {       \
    const unsigned long long stride = (unsigned long long) blockDim.x * gridDim.x;           \
    for (unsigned long long i = (unsigned long long) blockIdx.x * blockDim.x + threadIdx.x;  \
         i < n; i += stride) {                                                                \
      dst[i] = fmaf((float) src[i], slope, intercept);                                        \
    }                                                                                         \
  }

MEDAI_CONVERT(medai_convert_u8_f32, unsigned char)
MEDAI_CONVERT(medai_convert_i8_f32, signed char)
MEDAI_CONVERT(medai_convert_i16_f32, short)
MEDAI_CONVERT(medai_convert_u16_f32, unsigned short)
MEDAI_CONVERT(medai_convert_i32_f32, int)
MEDAI_CONVERT(medai_convert_f32_f32, float)
MEDAI_CONVERT(medai_convert_f64_f32, double)
