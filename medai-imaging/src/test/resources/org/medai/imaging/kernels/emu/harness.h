// Test-only driver for emulated kernel launches (see KernelEmulator.java). Reads a launch file:
//   kernel <name>
//   grid <gx> <gy> <gz> <bx> <by> <bz>
//   buffer <id> <bytes> <path>             (one per device buffer the launch uses)
//   arg P <buffer id> <byte offset> <element size> <f|i>   |  arg I <int>  |  arg L <long>
//   arg F <float bits hex>  |  arg D <double bits hex>
// allocates each buffer with exactly its size (so AddressSanitizer reports any access outside it),
// runs every thread of the grid, and writes every buffer back to its path. Argument kinds, counts and
// pointer element sizes and kinds are checked against the kernel's C signature (exit 3 on a mismatch).
#pragma once
#include <stdio.h>
#include <string.h>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

struct MedaiArg {
  char tag;
  void* p;
  int elemSize;
  char kind;
  long long l;
  int i;
  float f;
  double d;
};

static void medai_die(const char* fmt, const char* a, int b, int c) {
  fprintf(stderr, fmt, a, b, c);
  fprintf(stderr, "\n");
  exit(3);
}

template <typename T>
static T medai_get(const MedaiArg& a, int index, const char* fn) {
  if constexpr (std::is_pointer<T>::value) {
    typedef typename std::remove_cv<typename std::remove_pointer<T>::type>::type E;
    if (a.tag != 'P') medai_die("%s: argument %d is a pointer, launch passed %c", fn, index, a.tag);
    if ((int) sizeof(E) != a.elemSize) medai_die("%s: argument %d points to %d-byte elements, tensor differs", fn, index, (int) sizeof(E));
    // A float kernel on an integer tensor (or a signed integer kernel on a float tensor) reads
    // garbage; an unsigned integer pointee on a float tensor is the bit-copy convention (reorient).
    if (std::is_floating_point<E>::value ? a.kind != 'f' : (a.kind == 'f' && std::is_signed<E>::value))
      medai_die("%s: argument %d element type (float vs integer) differs from the tensor's (%d)", fn, index, 0);
    return (T) a.p;
  } else if constexpr (std::is_same<T, float>::value) {
    if (a.tag != 'F') medai_die("%s: argument %d is float, launch passed %c", fn, index, a.tag);
    return a.f;
  } else if constexpr (std::is_same<T, double>::value) {
    if (a.tag != 'D') medai_die("%s: argument %d is double, launch passed %c", fn, index, a.tag);
    return a.d;
  } else if constexpr (sizeof(T) == 8) {
    if (a.tag != 'L') medai_die("%s: argument %d is a 64-bit integer, launch passed %c", fn, index, a.tag);
    return (T) a.l;
  } else {
    if (a.tag != 'I') medai_die("%s: argument %d is a 32-bit integer, launch passed %c", fn, index, a.tag);
    return (T) a.i;
  }
}

template <typename... A, size_t... I>
static void medai_call(void (*f)(A...), const MedaiArg* a, const char* fn, std::index_sequence<I...>) {
  f(medai_get<A>(a[I], (int) I, fn)...);
}

typedef void (*MedaiLauncher)(const MedaiArg* args, int n, const char* fn);

template <typename... A>
static void medai_run_grid(void (*f)(A...), const MedaiArg* a, int n, const char* fn) {
  if (n != (int) sizeof...(A)) medai_die("%s: kernel takes %d arguments, launch passed %d", fn, (int) sizeof...(A), n);
  for (unsigned z = 0; z < gridDim.z; z++)
    for (unsigned y = 0; y < gridDim.y; y++)
      for (unsigned x = 0; x < gridDim.x; x++)
        for (unsigned tz = 0; tz < blockDim.z; tz++)
          for (unsigned ty = 0; ty < blockDim.y; ty++)
            for (unsigned tx = 0; tx < blockDim.x; tx++) {
              blockIdx = dim3{x, y, z};
              threadIdx = dim3{tx, ty, tz};
              medai_call(f, a, fn, std::index_sequence_for<A...>{});
            }
}

struct MedaiEntry {
  const char* name;
  MedaiLauncher launch;
};

#define MEDAI_ENTRY(F) {#F, [](const MedaiArg* a, int n, const char* fn) { medai_run_grid(F, a, n, fn); }}

static int medai_main(int argc, char** argv, const MedaiEntry* table, int entries) {
  if (argc != 2) {
    fprintf(stderr, "usage: harness <launch file>\n");
    return 2;
  }
  FILE* in = fopen(argv[1], "r");
  if (!in) {
    fprintf(stderr, "cannot open %s\n", argv[1]);
    return 2;
  }
  char word[64], name[256];
  std::vector<std::string> paths;
  std::vector<void*> bufs;
  std::vector<long long> sizes;
  std::vector<MedaiArg> args;
  std::string kernel;
  while (fscanf(in, "%63s", word) == 1) {
    if (!strcmp(word, "kernel")) {
      if (fscanf(in, "%255s", name) != 1) return 2;
      kernel = name;
    } else if (!strcmp(word, "grid")) {
      if (fscanf(in, "%u %u %u %u %u %u", &gridDim.x, &gridDim.y, &gridDim.z, &blockDim.x, &blockDim.y, &blockDim.z) != 6) return 2;
    } else if (!strcmp(word, "buffer")) {
      int id;
      long long bytes;
      char path[4096];
      if (fscanf(in, "%d %lld %4095s", &id, &bytes, path) != 3 || id != (int) bufs.size()) return 2;
      void* b = malloc(bytes > 0 ? (size_t) bytes : 1);
      FILE* f = fopen(path, "rb");
      if (!f || (bytes > 0 && fread(b, 1, (size_t) bytes, f) != (size_t) bytes)) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
      }
      fclose(f);
      bufs.push_back(b);
      sizes.push_back(bytes);
      paths.push_back(path);
    } else if (!strcmp(word, "arg")) {
      MedaiArg a = {};
      char tag[4];
      if (fscanf(in, "%3s", tag) != 1) return 2;
      a.tag = tag[0];
      if (a.tag == 'P') {
        int id;
        long long off;
        char kind[4];
        if (fscanf(in, "%d %lld %d %3s", &id, &off, &a.elemSize, kind) != 4) return 2;
        a.kind = kind[0];
        a.p = (char*) bufs.at(id) + off;
      } else if (a.tag == 'I') {
        if (fscanf(in, "%d", &a.i) != 1) return 2;
      } else if (a.tag == 'L') {
        if (fscanf(in, "%lld", &a.l) != 1) return 2;
      } else if (a.tag == 'F') {
        unsigned int bits;
        if (fscanf(in, "%x", &bits) != 1) return 2;
        memcpy(&a.f, &bits, 4);
      } else if (a.tag == 'D') {
        unsigned long long bits;
        if (fscanf(in, "%llx", &bits) != 1) return 2;
        memcpy(&a.d, &bits, 8);
      } else {
        return 2;
      }
      args.push_back(a);
    } else {
      fprintf(stderr, "unknown directive %s\n", word);
      return 2;
    }
  }
  fclose(in);
  const MedaiEntry* e = nullptr;
  for (int q = 0; q < entries; q++) {
    if (kernel == table[q].name) e = &table[q];
  }
  if (!e) {
    fprintf(stderr, "no kernel %s in this source\n", kernel.c_str());
    return 3;
  }
  e->launch(args.data(), (int) args.size(), e->name);
  for (size_t q = 0; q < bufs.size(); q++) {
    FILE* f = fopen(paths[q].c_str(), "wb");
    if (!f || (sizes[q] > 0 && fwrite(bufs[q], 1, (size_t) sizes[q], f) != (size_t) sizes[q])) {
      fprintf(stderr, "cannot write %s\n", paths[q].c_str());
      return 2;
    }
    fclose(f);
    free(bufs[q]);
  }
  return 0;
}
