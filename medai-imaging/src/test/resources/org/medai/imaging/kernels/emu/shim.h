// Host emulation of the CUDA C subset medai's kernels use, so that the very same .cu sources compile
// with g++ and run on the CPU (test-only; see KernelEmulator). Threads run one after another: the
// kernels use no shared memory, barriers or atomics, so sequential execution of the grid is one of
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
