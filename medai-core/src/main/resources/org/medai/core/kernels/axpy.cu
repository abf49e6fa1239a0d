// medai axpy kernel: y[i] = fmaf(alpha, x[i], y[i]) on float32, one rounding per element,
// the same math as org.medai.core.internal.cpu.CpuKernels.axpy (Math.fma).

extern "C" __global__ void medai_axpy_f32(float alpha, const float* __restrict__ x,
                                          float* __restrict__ y, unsigned long long n) {
  const unsigned long long stride = (unsigned long long) blockDim.x * gridDim.x;
  for (unsigned long long i = (unsigned long long) blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += stride) {
    y[i] = fmaf(alpha, x[i], y[i]);
  }
}
