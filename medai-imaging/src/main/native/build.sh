#!/bin/sh
# Compiles the native kernels (separable_linear.c) into the module's classes, next to the class that
# loads them, on Linux x86-64 where a C compiler and the JDK's JNI headers are present. Elsewhere, or
# when the compiler fails, it says why and exits 0: the Java kernels then run, with the same bytes.
#   build.sh OUTPUT_DIR JAVA_HOME
out="$1"
java_home="$2"
here=$(dirname "$0")
platform="$(uname -s)-$(uname -m)"
say() { echo "[medai-imaging] native kernels: $*"; }
if [ "$platform" != "Linux-x86_64" ]; then
  say "not built on $platform; the Java kernels run"
  exit 0
fi
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  say "no C compiler ($cc); the Java kernels run"
  exit 0
fi
inc="$java_home/include"
[ -f "$inc/jni.h" ] || inc="$java_home/../include"
if [ ! -f "$inc/jni.h" ]; then
  say "no jni.h under $java_home; the Java kernels run"
  exit 0
fi
mkdir -p "$out"
# -ffp-contract=off: no multiply-add is fused that the Java kernels do not fuse (same bytes)
if "$cc" -O2 -std=c11 -fPIC -shared -ffp-contract=off -I"$inc" -I"$inc/linux" \
    "$here/separable_linear.c" -o "$out/libmedai_imaging.so" -lm; then
  say "built $out/libmedai_imaging.so"
else
  rm -f "$out/libmedai_imaging.so"
  say "the C compiler failed; the Java kernels run"
fi
exit 0
