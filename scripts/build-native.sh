#!/bin/sh
# Compiles one module's JNI library (src/main/native) into its classes, next to the class that loads
# it, on Linux x86-64 where a C compiler and the JDK's JNI headers are present. Elsewhere, or when the
# compiler fails, it says why and exits 0: the module's Java code then runs in its place.
#   build-native.sh MODULE OUTPUT_DIR JAVA_HOME LIBRARY SOURCE ["COMPILER FLAGS"]
# (the parent pom's native-library profile runs it with the module's native.* properties)
module="$1"
out="$2"
java_home="$3"
library="$4"
source="$5"
flags="${6:-}"
platform="$(uname -s)-$(uname -m)"
say() { echo "[$module] native library: $*"; }
if [ "$platform" != "Linux-x86_64" ]; then
  say "not built on $platform; the Java code runs"
  exit 0
fi
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  say "no C compiler ($cc); the Java code runs"
  exit 0
fi
inc="$java_home/include"
[ -f "$inc/jni.h" ] || inc="$java_home/../include"
if [ ! -f "$inc/jni.h" ]; then
  say "no jni.h under $java_home; the Java code runs"
  exit 0
fi
mkdir -p "$out"
set -f # the flags are split on spaces, never globbed
# shellcheck disable=SC2086
if "$cc" -O2 -std=c11 -fPIC -shared -I"$inc" -I"$inc/linux" "$source" $flags -o "$out/$library"; then
  say "built $out/$library"
else
  rm -f "$out/$library"
  say "the C compiler failed; the Java code runs"
fi
exit 0
