/*
 * Native twin of SeparableResampler's linear path (org.medai.imaging.internal.transform): trilinear
 * resampling of a rotation-free plan from int16, uint16 or float32 sources to float32, with the
 * same float32 operations in the same order as the Java kernels, so the output bytes are identical:
 *
 *   j blend of two source rows   line[x]  = fma(fy, b - a, a)        (a, b: source values as float)
 *   i gather of the blended line plane[i] = fma(fx, line[x1] - line[x0], line[x0])
 *   k combination                r        = fma(fz, p1 - p0, p0), then fma(r, slope, intercept)
 *
 * Why native: on the 2-core AVX-512 machine this was measured on (docs/transform.md), the CT job
 * takes about two thirds of the Vector API kernels' time, from things Java 17 cannot express:
 * software prefetch (the source rows of the next plane are requested while the store-bound k
 * combination of the current one runs, so reading overlaps writing instead of following it: the
 * reduction of the planes drops from ~16 to ~9 ms on one thread; and each output row is read into
 * the cache one row ahead of its stores: the combination drops from ~25 to ~20 ms), AVX-512
 * two-source permutations for the i gather (JDK 17's rearrange costs about three times as much) and
 * for realigning the combination's results to the output rows, and cheap visits of the output
 * planes that share source planes row by row (each intermediate row then comes from L1 once per
 * group instead of from L2 once per plane).
 *
 * The work split is SeparableResampler's: items (slab of output planes) x (band of output rows);
 * a call runs items [from, to). Every buffer is allocated per call and freed before it returns;
 * nothing is global but read-only tables. The vector code is compiled for AVX-512F with FMA and
 * only entered after probe() has confirmed the CPU and the OS support it.
 */
#include <jni.h>
#include <immintrin.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LANES 16
#define VEC __attribute__((target("avx512f,fma")))

enum { I16 = 0, U16 = 1, F32 = 2 };

/** Intermediate planes cached per call: the two k taps and one spare. */
#define SLOTS 3

typedef struct {
  int ni, nj, nk, code, es, xlo, nx, band, bands, slabs, row_len, blocks;
  const char *src;
  int64_t bsj, bsk;
  char *dst;
  int rescale;
  float slope, intercept, fill;
  /* per output index: lower and upper source index (-1: outside) and the upper tap's weight */
  int *x0, *x1, *y0, *y1, *z0, *z1;
  float *wx, *wy, *wz;
  /* per block of LANES outputs along i: window start, window-relative tap indices, scalar flag */
  int *base, *lo, *hi;
  unsigned char *scalar;
  int *outside_i;
  int n_outside;
  /* scratch: plane slots (keyed by source plane, least recently used replaced), blended line */
  float *slot[SLOTS];
  int key[SLOTS];
  int64_t used[SLOTS];
  int64_t clock;
  float *line;
} ctx;

static inline float load_value(const ctx *c, const char *p) {
  switch (c->code) {
    case I16: return (float) *(const int16_t *) p;
    case U16: return (float) *(const uint16_t *) p;
    default: return *(const float *) p;
  }
}

/* source row y of plane z, from the first i any output reads (xlo) */
static inline const char *source_row(const ctx *c, int z, int y) {
  return c->src + (int64_t) z * c->bsk + (int64_t) y * c->bsj + (int64_t) c->xlo * c->es;
}

/* asks the cache for every line of [p, p + bytes), the first from its start (rows rarely start
 * on a line: the JVM's native allocations are 16-byte aligned); always inlined: as a call, the
 * compiler sees a function without effects and drops it */
static inline __attribute__((always_inline)) void prefetch_bytes(const char *p, int64_t bytes) {
  for (uintptr_t l = (uintptr_t) p & ~(uintptr_t) 63, e = (uintptr_t) p + (uintptr_t) bytes; l < e; l += 64) {
    _mm_prefetch((const char *) l, _MM_HINT_T0);
  }
}

/* the source rows of plane z that row j of the band [j0, ..) reads and row j - 1 did not */
static inline __attribute__((always_inline)) void prefetch_rows(const ctx *c, int z, int j, int j0) {
  int a = c->y0[j], b = c->y1[j];
  if (a < 0) return;
  int pa = j > j0 ? c->y0[j - 1] : -1, pb = j > j0 ? c->y1[j - 1] : -1;
  int64_t bytes = (int64_t) c->nx * c->es;
  if (a != pa && a != pb) prefetch_bytes(source_row(c, z, a), bytes);
  if (b != a && b != pa && b != pb) prefetch_bytes(source_row(c, z, b), bytes);
}

/* --- j blend of two source rows into c->line ---
 * Loop-invariant fields are copied to locals first: the intrinsics' stores may alias anything, so
 * the compiler would otherwise reload them from the context on every vector. */
VEC static inline __m512 widen16(const char *p, int is_unsigned) {
  __m256i s = _mm256_loadu_si256((const __m256i *) p);
  return _mm512_cvtepi32_ps(is_unsigned ? _mm512_cvtepu16_epi32(s) : _mm512_cvtepi16_epi32(s));
}

VEC static void blend_rows(const ctx *c, const char *ra, const char *rb, float f) {
  float *restrict d = c->line;
  const int n = c->nx, code = c->code;
  __m512 vf = _mm512_set1_ps(f);
  int x = 0;
  if (code == F32) {
    const float *a32 = (const float *) ra, *b32 = (const float *) rb;
    for (; x + LANES <= n; x += LANES) {
      __m512 a = _mm512_loadu_ps(a32 + x), b = _mm512_loadu_ps(b32 + x);
      _mm512_storeu_ps(d + x, _mm512_fmadd_ps(vf, _mm512_sub_ps(b, a), a));
    }
  } else if (code == U16) {
    for (; x + LANES <= n; x += LANES) {
      __m512 a = widen16(ra + 2 * x, 1), b = widen16(rb + 2 * x, 1);
      _mm512_storeu_ps(d + x, _mm512_fmadd_ps(vf, _mm512_sub_ps(b, a), a));
    }
  } else {
    for (; x + LANES <= n; x += LANES) {
      __m512 a = widen16(ra + 2 * x, 0), b = widen16(rb + 2 * x, 0);
      _mm512_storeu_ps(d + x, _mm512_fmadd_ps(vf, _mm512_sub_ps(b, a), a));
    }
  }
  for (; x < n; x++) {
    float a = load_value(c, ra + (int64_t) x * c->es), b = load_value(c, rb + (int64_t) x * c->es);
    d[x] = __builtin_fmaf(f, b - a, a);
  }
  d[n] = d[n - 1];
}

/* --- i gather of c->line into one intermediate row (outside outputs and padding get garbage) --- */
VEC static void gather_row(const ctx *c, float *restrict dst) {
  const float *restrict line = c->line;
  const int *restrict base = c->base, *restrict lo = c->lo, *restrict hi = c->hi;
  const float *restrict wx = c->wx;
  const unsigned char *restrict scalar = c->scalar;
  const int blocks = c->blocks;
  for (int b = 0; b < blocks; b++) {
    int q0 = b * LANES;
    if (scalar[b]) {
      for (int q = q0; q < q0 + LANES && q < c->ni; q++) {
        if (c->x0[q] < 0) continue;
        float a = line[c->x0[q] - c->xlo], v = line[c->x1[q] - c->xlo];
        dst[q] = __builtin_fmaf(wx[q], v - a, a);
      }
      continue;
    }
    const float *w = line + base[b];
    __m512 s0 = _mm512_loadu_ps(w), s1 = _mm512_loadu_ps(w + LANES);
    __m512 a = _mm512_permutex2var_ps(s0, _mm512_load_si512(lo + q0), s1);
    __m512 v = _mm512_permutex2var_ps(s0, _mm512_load_si512(hi + q0), s1);
    _mm512_storeu_ps(dst + q0, _mm512_fmadd_ps(_mm512_loadu_ps(wx + q0), _mm512_sub_ps(v, a), a));
  }
}

/* --- source plane z reduced to the band's intermediate rows --- */
static void reduce_plane(ctx *c, int z, int j0, int j1, float *plane) {
  for (int j = j0; j < j1; j++) {
    if (c->y0[j] < 0) continue;
    blend_rows(c, source_row(c, z, c->y0[j]), source_row(c, z, c->y1[j]), c->wy[j]);
    gather_row(c, plane + (int64_t) (j - j0) * c->row_len);
  }
}

/* --- output rows --- */
VEC static inline __m512 lerp_vector(const float *p0, const float *p1, __m512 vf, int rescale, __m512 vs, __m512 vc, __mmask16 m) {
  __m512 a = _mm512_maskz_loadu_ps(m, p0);
  __m512 r = _mm512_fmadd_ps(vf, _mm512_sub_ps(_mm512_maskz_loadu_ps(m, p1), a), a);
  return rescale ? _mm512_fmadd_ps(r, vs, vc) : r;
}

/* one output row. Rows of a 358-wide output start at every 4-byte offset, so the row is stored as
 * whole aligned vectors (unaligned ones would nearly all straddle two cache lines) between a masked
 * head and tail; the intermediate rows (64-byte aligned) are read with aligned loads too, and each
 * result vector is shifted to the output's phase with one two-source permutation (with unaligned
 * loads, which straddle two cache lines, the read-ahead in item() gains little: the whole job 34
 * against 30 ms on one thread, docs/transform.md) */
VEC static void lerp_row(const ctx *c, float *restrict o, const float *restrict p0, const float *restrict p1, float f) {
  const int n = c->ni, rescale = c->rescale;
  const __m512 vf = _mm512_set1_ps(f), vs = _mm512_set1_ps(c->slope), vc = _mm512_set1_ps(c->intercept);
  int h = (int) ((-(uintptr_t) o & 63) >> 2); /* the first index stored at a 64-byte boundary */
  if (h == 0 || n < 2 * LANES) {
    int i = 0;
    for (; i + LANES <= n; i += LANES) _mm512_storeu_ps(o + i, lerp_vector(p0 + i, p1 + i, vf, rescale, vs, vc, 0xFFFF));
    if (i < n) {
      __mmask16 m = (__mmask16) ((1u << (n - i)) - 1);
      _mm512_mask_storeu_ps(o + i, m, lerp_vector(p0 + i, p1 + i, vf, rescale, vs, vc, m));
    }
  } else {
    /* r holds the results for p[t, t + 16); o[h + t, h + t + 16) = (r, next r) from lane h on */
    const __m512i idx = _mm512_add_epi32(_mm512_set1_epi32(h),
        _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    __m512 r = lerp_vector(p0, p1, vf, rescale, vs, vc, 0xFFFF);
    _mm512_mask_storeu_ps(o, (__mmask16) ((1u << h) - 1), r);
    int i = h, t = 0;
    for (; i + LANES <= n; i += LANES, t += LANES) {
      __m512 next = lerp_vector(p0 + t + LANES, p1 + t + LANES, vf, rescale, vs, vc, 0xFFFF);
      _mm512_store_ps(o + i, _mm512_permutex2var_ps(r, idx, next));
      r = next;
    }
    if (i < n) {
      __m512 next = lerp_vector(p0 + t + LANES, p1 + t + LANES, vf, rescale, vs, vc, 0xFFFF);
      _mm512_mask_storeu_ps(o + i, (__mmask16) ((1u << (n - i)) - 1), _mm512_permutex2var_ps(r, idx, next));
    }
  }
  for (int q = 0; q < c->n_outside; q++) o[c->outside_i[q]] = c->fill;
}

static void fill_row(const ctx *c, float *o) {
  for (int i = 0; i < c->ni; i++) o[i] = c->fill;
}

static inline float *out_row(const ctx *c, int k, int j) {
  return (float *) c->dst + ((int64_t) k * c->nj + j) * c->ni;
}

/* the slot holding plane z, reduced now if absent; never the slot of `keep` */
static int plane_slot(ctx *c, int z, int keep, int j0, int j1) {
  int64_t now = ++c->clock;
  for (int s = 0; s < SLOTS; s++) {
    if (c->key[s] == z) {
      c->used[s] = now;
      return s;
    }
  }
  int best = -1;
  for (int s = 0; s < SLOTS; s++) {
    if (s != keep && (best < 0 || c->used[s] < c->used[best])) best = s;
  }
  c->key[best] = z;
  c->used[best] = now;
  reduce_plane(c, z, j0, j1, c->slot[best]);
  return best;
}

static void item(ctx *c, int j0, int j1, int k0, int k1) {
  for (int s = 0; s < SLOTS; s++) {
    c->key[s] = -1;
    c->used[s] = -1;
  }
  for (int k = k0, next; k < k1; k = next) {
    next = k + 1;
    if (c->z0[k] < 0 || c->nx == 0) {
      for (int j = j0; j < j1; j++) fill_row(c, out_row(c, k, j));
      continue;
    }
    int sa = plane_slot(c, c->z0[k], -1, j0, j1);
    int sb = plane_slot(c, c->z1[k], sa, j0, j1);
    while (next < k1 && c->z0[next] == c->z0[k] && c->z1[next] == c->z1[k]) next++;
    /* the source planes the next group reduces and these do not hold: their rows are prefetched
     * while this group's stores run, so that reading them overlaps the store-bound combination */
    int pa = -1, pb = -1;
    if (next < k1 && c->z0[next] >= 0) {
      if (c->z0[next] != c->key[sa] && c->z0[next] != c->key[sb]) pa = c->z0[next];
      if (c->z1[next] != c->key[sa] && c->z1[next] != c->key[sb] && c->z1[next] != pa) pb = c->z1[next];
    }
    /* row by row across the output planes that share these taps */
    for (int j = j0; j < j1; j++) {
      const float *p0 = c->slot[sa] + (int64_t) (j - j0) * c->row_len, *p1 = c->slot[sb] + (int64_t) (j - j0) * c->row_len;
      if (pa >= 0) prefetch_rows(c, pa, j, j0);
      if (pb >= 0) prefetch_rows(c, pb, j, j0);
      for (int g = k; g < next; g++) {
        /* the plane's next row, read ahead: the stores then find their lines in the cache instead
         * of waiting for them one after the other (one thread: the combination 25 → 20 ms) */
        if (j + 1 < j1) prefetch_bytes((const char *) out_row(c, g, j + 1), (int64_t) c->ni * 4);
        if (c->y0[j] < 0) fill_row(c, out_row(c, g, j));
        else lerp_row(c, out_row(c, g, j), p0, p1, c->wz[g]);
      }
    }
  }
}

/* --- tables --- */
static int copy_axis(JNIEnv *env, jintArray index, jfloatArray weight, int n, int **t0, int **t1, float **w) {
  int *idx = malloc(sizeof(int) * 4 * (size_t) n);
  float *wt = malloc(sizeof(float) * 4 * (size_t) n);
  *t0 = malloc(sizeof(int) * (size_t) n + 64);
  *t1 = malloc(sizeof(int) * (size_t) n + 64);
  *w = malloc(sizeof(float) * ((size_t) n + LANES));
  if (!idx || !wt || !*t0 || !*t1 || !*w) {
    free(idx);
    free(wt);
    return 0;
  }
  (*env)->GetIntArrayRegion(env, index, 0, 4 * n, idx);
  (*env)->GetFloatArrayRegion(env, weight, 0, 4 * n, wt);
  for (int q = 0; q < n; q++) {
    (*t0)[q] = idx[4 * q];
    (*t1)[q] = idx[4 * q] < 0 ? -1 : idx[4 * q + 1];
    (*w)[q] = wt[4 * q + 1];
  }
  for (int q = n; q < n + LANES; q++) (*w)[q] = 0;
  free(idx);
  free(wt);
  return 1;
}

static void build_blocks(ctx *c) {
  for (int b = 0; b < c->blocks; b++) {
    int q0 = b * LANES, min = 1 << 30, max = -1;
    for (int q = q0; q < q0 + LANES && q < c->ni; q++) {
      if (c->x0[q] < 0) continue;
      int a = c->x0[q] - c->xlo, v = c->x1[q] - c->xlo;
      if (a < min) min = a;
      if (v < min) min = v;
      if (a > max) max = a;
      if (v > max) max = v;
    }
    if (max < 0) min = max = 0;
    c->scalar[b] = max - min >= 2 * LANES;
    /* a window that also fits from the vector boundary below is read from there (the line is
     * 64-byte aligned): two aligned loads instead of two that straddle cache lines */
    if (max - (min & ~(LANES - 1)) < 2 * LANES) min &= ~(LANES - 1);
    c->base[b] = min;
    for (int l = 0; l < LANES; l++) {
      int q = q0 + l;
      int inside = q < c->ni && c->x0[q] >= 0 && !c->scalar[b];
      c->lo[q] = inside ? c->x0[q] - c->xlo - min : 0;
      c->hi[q] = inside ? c->x1[q] - c->xlo - min : 0;
    }
  }
}

/* aligned_alloc wants a multiple of the alignment */
static size_t round64(size_t bytes) {
  return (bytes + 63) & ~(size_t) 63;
}

static void release(ctx *c) {
  void *p[] = {c->x0, c->x1, c->y0, c->y1, c->z0, c->z1, c->wx, c->wy, c->wz, c->base, c->lo, c->hi,
      c->scalar, c->outside_i, c->line, c->slot[0], c->slot[1], c->slot[2]};
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) free(p[i]);
}

/** 1 where the CPU and the OS run AVX-512F and FMA code (the kernel's instruction set), else 0. */
JNIEXPORT jint JNICALL Java_org_medai_imaging_internal_transform_NativeLinear_probe(JNIEnv *env, jclass cls) {
  (void) env;
  (void) cls;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma") ? 1 : 0;
}

/**
 * Runs items [from, to) of the split described above. Returns 0, or -1 when scratch could not be
 * allocated (nothing written then).
 */
JNIEXPORT jint JNICALL Java_org_medai_imaging_internal_transform_NativeLinear_run(JNIEnv *env, jclass cls,
    jlong src, jlong bsj, jlong bsk, jint code, jlong dst, jint ni, jint nj, jint nk,
    jintArray xIndex, jfloatArray xWeight, jintArray yIndex, jfloatArray yWeight, jintArray zIndex,
    jfloatArray zWeight, jint xlo, jint nx, jint band, jint slabs, jlong from, jlong to, jboolean rescale,
    jfloat slope, jfloat intercept, jfloat fill) {
  (void) cls;
  ctx c;
  memset(&c, 0, sizeof c);
  c.ni = ni;
  c.nj = nj;
  c.nk = nk;
  c.code = code;
  c.es = code == F32 ? 4 : 2;
  c.src = (const char *) (intptr_t) src;
  c.bsj = bsj;
  c.bsk = bsk;
  c.dst = (char *) (intptr_t) dst;
  c.xlo = xlo;
  c.nx = nx;
  c.band = band;
  c.bands = (nj + band - 1) / band;
  c.slabs = slabs;
  c.rescale = rescale;
  c.slope = rescale ? slope : 1.0f;
  c.intercept = rescale ? intercept : 0.0f;
  c.fill = fill;
  c.blocks = (ni + LANES - 1) / LANES;
  c.row_len = c.blocks * LANES;
  int ok = copy_axis(env, xIndex, xWeight, ni, &c.x0, &c.x1, &c.wx)
      && copy_axis(env, yIndex, yWeight, nj, &c.y0, &c.y1, &c.wy)
      && copy_axis(env, zIndex, zWeight, nk, &c.z0, &c.z1, &c.wz);
  size_t padded = (size_t) c.row_len;
  c.base = malloc(sizeof(int) * (size_t) c.blocks);
  c.lo = aligned_alloc(64, sizeof(int) * padded);
  c.hi = aligned_alloc(64, sizeof(int) * padded);
  c.scalar = malloc((size_t) c.blocks);
  c.outside_i = malloc(sizeof(int) * ((size_t) ni + 1));
  c.line = aligned_alloc(64, round64(sizeof(float) * ((size_t) nx + 2 * LANES + 1)));
  /* two vectors past the band's last row: lerp_row's aligned reads run up to 31 floats past a row */
  size_t slot_floats = padded * (size_t) band + 2 * LANES;
  for (int s = 0; s < SLOTS; s++) c.slot[s] = aligned_alloc(64, sizeof(float) * slot_floats);
  ok = ok && c.base && c.lo && c.hi && c.scalar && c.outside_i && c.line && c.slot[0] && c.slot[1] && c.slot[2];
  if (!ok) {
    release(&c);
    return -1;
  }
  for (int s = 0; s < SLOTS; s++) memset(c.slot[s] + slot_floats - 2 * LANES, 0, sizeof(float) * 2 * LANES);
  memset(c.line, 0, sizeof(float) * ((size_t) nx + 2 * LANES + 1));
  for (int q = 0; q < ni; q++) {
    if (c.x0[q] < 0) c.outside_i[c.n_outside++] = q;
  }
  build_blocks(&c);
  for (jlong it = from; it < to; it++) {
    int s = (int) (it / c.bands), b = (int) (it % c.bands);
    int k0 = (int) ((int64_t) s * nk / slabs), k1 = (int) ((int64_t) (s + 1) * nk / slabs);
    int j1 = (b + 1) * band < nj ? (b + 1) * band : nj;
    item(&c, b * band, j1, k0, k1);
  }
  release(&c);
  return 0;
}
