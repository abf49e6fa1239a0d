// Host emulation of the CUDA C subset medai's kernels use, so that the very same .cu sources compile
// with g++ and run on the CPU (test-only; see KernelEmulator). Threads run one after another: the
// kernels use no shared memory or barriers (only order-independent integer atomics), so sequential execution of the grid is one of
// the schedules a GPU may choose. Compile with -ffp-contract=off: only the written fmaf calls fuse,
// as NVRTC's --fmad=false guarantees on the device.
#pragma once
#include <math.h>
#include <stdlib.h>

struct dim3 {
  unsigned int x, y, z;
};

static dim3 blockIdx, threadIdx, blockDim, gridDim;

#define __global__
#define __device__
#define __forceinline__ inline

// Bit casts and the integer atomics of the reduction kernels (reduce.cu). Threads run one after
// another, so a plain read-modify-write is atomic here.
#include <string.h>

static inline int __float_as_int(float f) {
  int i;
  memcpy(&i, &f, sizeof i);
  return i;
}

static inline unsigned long long atomicAdd(unsigned long long* a, unsigned long long v) {
  unsigned long long old = *a;
  *a = old + v;
  return old;
}

static inline int atomicMin(int* a, int v) {
  int old = *a;
  if (v < old) *a = v;
  return old;
}

static inline int atomicMax(int* a, int v) {
  int old = *a;
  if (v > old) *a = v;
  return old;
}
