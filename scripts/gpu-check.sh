#!/usr/bin/env bash
# Runs medai's CUDA checks on a machine with an NVIDIA GPU and CUDA 13, with no JDK needed: the
# backend conformance tests (every backend, CUDA included), the CUDA probe and NVRTC tests, the
# imaging CUDA transform conformance tests (resample/reorient/intensity vs the CPU), then the
# device-resident CUDA benchmarks (bandwidth; 512x512x300 int16 -> 1 mm float32 resample). Writes a plain-text report (PASS/FAIL/SKIP per test, each
# benchmark figure) to $OUT/gpu-check-report.txt. Uses the bundle made by scripts/gpu-prepare.sh.
# See docs/GPU.md.
#
# Usage: scripts/gpu-check.sh [bundle-dir]       (default target/gpu-check; OUT defaults to ./gpu-check-out)
# Env:   GPU_CHECK_BENCH_ARGS  JMH options for the benchmark (default: -f 1 -wi 2 -i 5 -w 1s -r 1s)
#        GPU_CHECK_SKIP_BENCH=1 runs the tests only.
# Exit:  0 all tests passed (CUDA tests skipped where no GPU is usable), 1 a test failed, 2 no bundle.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="${1:-$root/target/gpu-check}"
out="${OUT:-$PWD/gpu-check-out}"
mkdir -p "$out"
report="$out/gpu-check-report.txt"
java="$bundle/runtime/bin/java"
if [ ! -x "$java" ]; then
  echo "gpu-check: no bundle at $bundle; run scripts/gpu-prepare.sh on a machine with a JDK and carry that folder" >&2
  exit 2
fi

# CUDA 13's libcudart.so.13 and libnvrtc.so.13 come from the system; the driver's libcuda.so.1 is
# normally on the loader path already. Add the usual toolkit folders that exist.
extra=""
for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib /usr/local/cuda-13*/lib64 \
         /usr/local/cuda-13*/targets/x86_64-linux/lib /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/local/nvidia/lib64; do
  [ -d "$d" ] && extra="$extra:$d"
done
if ! ls /usr/local/cuda*/lib64/libnvrtc.so.13* >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q 'libnvrtc.so.13'; then
  # pip-installed CUDA (nvidia-cuda-nvrtc) keeps libnvrtc under site-packages/nvidia/*/lib.
  for f in $(find /usr /opt /root -maxdepth 8 -name 'libnvrtc.so.13*' 2>/dev/null | head -3); do
    extra="$extra:$(dirname "$f")"
  done
fi
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}${extra}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

cp_all="$bundle/test-classes:$bundle/tools"
for j in "$bundle"/lib/*.jar; do cp_all="$cp_all:$j"; done

{
  echo "medai GPU check, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  [ -f "$bundle/BUNDLE.txt" ] && sed 's/^/bundle: /' "$bundle/BUNDLE.txt"
  echo "host: $(uname -srm), $(nproc) CPUs"
  echo "java: $("$java" -version 2>&1 | head -1)"
  if command -v nvidia-smi >/dev/null 2>&1; then
    echo "nvidia-smi: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -4 | tr '\n' ';')"
  else
    echo "nvidia-smi: not found"
  fi
  echo "LD_LIBRARY_PATH: $LD_LIBRARY_PATH"
  echo
  echo "== tests (medai-core tag no-nd4j, medai-imaging CUDA transforms; the cuda cases need a GPU) =="
} > "$report"

"$java" -Xmx4g -cp "$cp_all" GpuCheckTests > "$out/tests.log" 2> "$out/tests.stderr.log"
tests_rc=$?
grep -E '^(PASS|FAIL|SKIP) |passed, .* failed' "$out/tests.log" >> "$report"
[ "$tests_rc" -le 1 ] || echo "test runner exited with $tests_rc; see tests.stderr.log" >> "$report"

echo >> "$report"
echo "== benchmarks (CudaBandwidthBenchmark, CudaResampleBenchmark: device-resident, GB/s and ratio to a device copy) ==" >> "$report"
if [ "${GPU_CHECK_SKIP_BENCH:-0}" = 1 ]; then
  echo "skipped: GPU_CHECK_SKIP_BENCH=1" >> "$report"
elif grep -q '^SKIP .*cuda backend unavailable' "$out/tests.log"; then
  reason=$(grep -m1 -o 'cuda backend unavailable: .*' "$out/tests.log")
  echo "skipped: $reason" >> "$report"
else
  # shellcheck disable=SC2086
  "$java" -Xmx2g -Djmh.ignoreLock=true -cp "$cp_all" org.medai.benchmarks.BenchmarkReport \
    --table "$out/bench-table.txt" '(core.CudaBandwidthBenchmark|transform.CudaResampleBenchmark)' ${GPU_CHECK_BENCH_ARGS:--f 1 -wi 2 -i 5 -w 1s -r 1s} \
    > "$out/bench.log" 2>&1
  bench_rc=$?
  if [ -s "$out/bench-table.txt" ]; then
    cat "$out/bench-table.txt" >> "$report"
  else
    echo "benchmark failed (exit $bench_rc); last lines of bench.log:" >> "$report"
    tail -15 "$out/bench.log" >> "$report"
  fi
fi

cat "$report"
exit "$tests_rc"
