#!/usr/bin/env bash
# Prepares everything scripts/gpu-check.sh needs on a GPU machine that may have no JDK: a jlink'd
# Java runtime made from this machine's JDK, medai-core with its test classes, medai-imaging with its
# CUDA transform tests (not its other tests: they carry ONNX models the check does not need), the
# CUDA bindings, JMH with the CUDA benchmarks, and the JUnit console. Run it here (JDK 17+, Maven); carry the
# folder it writes (default target/gpu-check, git-ignored) to the GPU machine. See docs/GPU.md.
#
# Usage: scripts/gpu-prepare.sh [bundle-dir]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="${1:-$root/target/gpu-check}"
limit_mb=60
junit_console_version=1.14.4
modules=java.base,java.logging,java.management,java.xml,jdk.unsupported

cd "$root"
echo "gpu-prepare: building medai-core, medai-imaging and medai-benchmarks (tests compiled, not run) ..." >&2
mvn -B -q -o -DskipTests -pl medai-benchmarks -am package >&2 \
  || mvn -B -q -DskipTests -pl medai-benchmarks -am package >&2

console="$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_console_version/junit-platform-console-standalone-$junit_console_version.jar"
if [ ! -f "$console" ]; then
  mvn -B -q dependency:get -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_console_version" -Dtransitive=false >&2
fi

rm -rf "$bundle"
mkdir -p "$bundle/lib" "$bundle/test-classes" "$bundle/tools"
cp medai-core/target/medai-core-*.jar medai-imaging/target/medai-imaging-*.jar "$bundle/lib/"
rm -f "$bundle"/lib/*-sources.jar "$bundle"/lib/*-tests.jar
(cd medai-benchmarks/target/classes && jar --create --file "$bundle/lib/medai-benchmarks.jar" .)
for pattern in 'javacpp-*.jar' 'cuda-*.jar' 'slf4j-api-*.jar' 'slf4j-simple-*.jar' 'jmh-core-*.jar' 'jopt-simple-*.jar' 'commons-math3-*.jar'; do
  found=0
  for f in medai-benchmarks/target/lib/$pattern; do
    [ -f "$f" ] && cp "$f" "$bundle/lib/" && found=1
  done
  [ "$found" = 1 ] || { echo "gpu-prepare: no $pattern in medai-benchmarks/target/lib" >&2; exit 1; }
done
cp "$console" "$bundle/lib/"
# The ND4J interop tests need ND4J (300 MB of natives); everything tagged no-nd4j runs without it.
cp -r medai-core/target/test-classes/. "$bundle/test-classes/"
rm -rf "$bundle/test-classes/org/medai/core/nd4j"
# medai-imaging: only the CUDA transform tests and the kernel emulator's headers they read.
for d in org/medai/imaging/internal/transform/cuda org/medai/imaging/kernels/emu; do
  mkdir -p "$bundle/test-classes/$d"
  cp -r "medai-imaging/target/test-classes/$d/." "$bundle/test-classes/$d/"
done
javac -d "$bundle/tools" -cp "$console" scripts/gpu/GpuCheckTests.java

echo "gpu-prepare: jlink runtime with $modules ..." >&2
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$bundle/runtime"
"$bundle/runtime/bin/java" -version 2>&1 | head -1 >&2

size_bytes=$(du -sb "$bundle" | cut -f1)
size_mb=$(( (size_bytes + 1048575) / 1048576 ))
printf 'medai GPU bundle, prepared %s from commit %s\nsize: %d bytes (%d MiB)\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$size_bytes" "$size_mb" \
  > "$bundle/BUNDLE.txt"
echo "gpu-prepare: $bundle is $size_mb MiB (limit $limit_mb MiB)" >&2
du -sh "$bundle/runtime" "$bundle/lib" "$bundle/test-classes" >&2
if [ "$size_mb" -gt "$limit_mb" ]; then
  echo "gpu-prepare: bundle is over $limit_mb MiB" >&2
  exit 1
fi
