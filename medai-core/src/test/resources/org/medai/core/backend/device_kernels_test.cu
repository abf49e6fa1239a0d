// Test kernels for DeviceKernels: argument passing of every supported kind, and 3-D grid indices.

extern "C" __global__ void medai_test_args(float* out, const short* in, int i, long long l, float f, double d) {
  if (blockIdx.x == 0 && threadIdx.x == 0) {
    out[0] = (float) i;
    out[1] = (float) (l >> 32);
    out[2] = f;
    out[3] = (float) d;
    out[4] = (float) in[0];
  }
}

// out[(z * ny + y) * nx + x] = x + 1000 y + 1000000 z over an nx x ny x nz box, z striding by gridDim.z.
extern "C" __global__ void medai_test_grid(float* out, int nx, int ny, int nz) {
  const int x = blockIdx.x * blockDim.x + threadIdx.x;
  const int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= nx || y >= ny) return;
  for (int z = blockIdx.z; z < nz; z += gridDim.z) out[((long long) z * ny + y) * nx + x] = x + 1000.0f * y + 1000000.0f * z;
}
