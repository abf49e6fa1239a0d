#!/usr/bin/env bash
# Runs JMH benchmarks whose names match a regex and prints a results table in which every figure
# stands beside the baseline measured in the same run (see docs/BENCHMARKS.md).
#
# Usage: scripts/bench.sh <regex> [JMH options]      e.g. scripts/bench.sh core.CpuBandwidth
#        scripts/bench.sh core.CpuBandwidth -p threads=2 -f 1 -wi 3 -i 5
# Without JMH options it runs a short configuration: -f 1 -wi 2 -i 3 -w 2s -r 2s.
# BENCH_TABLE=path also writes the table to that file. BENCH_SKIP_BUILD=1 skips the Maven build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 1 ]; then
  sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
regex="$1"; shift
if [ $# -eq 0 ]; then set -- -f 1 -wi 2 -i 3 -w 2s -r 2s; fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building medai-benchmarks (mvn package, tests skipped) ..." >&2
  (cd "$root" && mvn -B -q -o -DskipTests -pl medai-benchmarks -am package >&2) \
    || (cd "$root" && mvn -B -q -DskipTests -pl medai-benchmarks -am package >&2)
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
table_args=()
if [ -n "${BENCH_TABLE:-}" ]; then table_args=(--table "$BENCH_TABLE"); fi
cp="$root/medai-benchmarks/target/classes:$root/medai-benchmarks/target/lib/*"
exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" org.medai.benchmarks.BenchmarkReport "${table_args[@]}" "$regex" "$@"
