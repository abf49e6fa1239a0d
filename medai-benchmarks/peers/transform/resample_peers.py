#!/usr/bin/python3
"""Peers for org.medai.benchmarks.transform.ResampleBenchmark.

The same job: a 512x512x300 int16 CT (0.7 x 0.7 x 2.5 mm) to 1 mm isotropic float32
(358 x 358 x 750), with scipy.ndimage (zoom and affine_transform, orders 1 and 3) and torch
(interpolate trilinear, grid_sample trilinear/bicubic-free), on 1 and 2 threads where the peer
threads. Prints one JSON line per measurement: wall and process CPU seconds, and effective
bandwidth (int16 input read once + float32 output written once, per wall second), the figure the
JMH suite reports for medai.

Run with Debian's interpreter (it has numpy, scipy, torch):
    /usr/bin/python3 medai-benchmarks/peers/transform/resample_peers.py [--order3] [--reps N]
Exits 0 with a note on stderr when scipy or torch is missing (that peer is skipped).
Pass --medai-ms LINEAR_1T,LINEAR_2T,BSPLINE_1T,BSPLINE_2T (from the JMH run) to print medai/peer ratios.
"""
import argparse
import json
import sys
import time

import numpy as np

SHAPE = (300, 512, 512)          # (k, j, i), numpy order
SPACING = (2.5, 0.7, 0.7)
OUT_SHAPE = (750, 358, 358)
BYTES = int(np.prod(SHAPE)) * 2 + int(np.prod(OUT_SHAPE)) * 4


def phantom():
    rng = np.random.default_rng(1)
    k, j, i = np.ogrid[:SHAPE[0], :SHAPE[1], :SHAPE[2]]
    r2 = ((i - 256) ** 2 + (j - 256) ** 2) / 200.0 ** 2
    body = (r2 < 1) * (1024 + 40 * np.cos(k * 0.05))
    return (body + rng.integers(0, 20, SHAPE)).astype(np.int16)


def timed(name, threads, fn, reps):
    best = None
    for _ in range(reps):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        w1, c1 = time.perf_counter(), time.process_time()
        assert out.shape == OUT_SHAPE, (name, out.shape)
        if best is None or w1 - w0 < best[0]:
            best = (w1 - w0, c1 - c0)
    rec = {"peer": name, "threads": threads, "wall_s": round(best[0], 3), "cpu_s": round(best[1], 3),
           "effective_GBps": round(BYTES / best[0] / 1e9, 3)}
    print(json.dumps(rec), flush=True)
    return rec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--order3", action="store_true", help="also run scipy order 3 (slow: tens of seconds)")
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--medai-ms", default=None)
    a = ap.parse_args()
    vol = phantom()
    zoom = tuple(o / s for o, s in zip(OUT_SHAPE, SHAPE))
    # output index -> input index for the SimpleITK convention medai uses (origin kept, 1 mm steps)
    matrix = np.array([1 / SPACING[0], 1 / SPACING[1], 1 / SPACING[2]])
    results = []
    try:
        import scipy.ndimage as nd
        for order in ([1, 3] if a.order3 else [1]):
            results.append(timed(f"scipy.zoom(order={order})", 1,
                                 lambda: nd.zoom(vol, zoom, order=order, output=np.float32, mode="nearest"), a.reps))
            results.append(timed(f"scipy.affine_transform(order={order})", 1,
                                 lambda: nd.affine_transform(vol, matrix, output_shape=OUT_SHAPE, order=order,
                                                             output=np.float32, mode="nearest"), a.reps))
    except ImportError:
        print("scipy missing: scipy peers skipped", file=sys.stderr)
    try:
        import torch
        import torch.nn.functional as F
        x = torch.from_numpy(vol).float()[None, None]
        for threads in (1, 2):
            torch.set_num_threads(threads)
            # includes the int16 -> float32 conversion, as medai's kernel does
            results.append(timed("torch.interpolate(trilinear)", threads,
                                 lambda: F.interpolate(torch.from_numpy(vol).float()[None, None], size=OUT_SHAPE,
                                                       mode="trilinear", align_corners=False)[0, 0].numpy(), a.reps))

            def grid():
                # MONAI-style: a full normalized coordinate grid, then grid_sample
                zs = torch.linspace(-1, 1, OUT_SHAPE[0])
                ys = torch.linspace(-1, 1, OUT_SHAPE[1])
                xs = torch.linspace(-1, 1, OUT_SHAPE[2])
                gz, gy, gx = torch.meshgrid(zs, ys, xs, indexing="ij")
                g = torch.stack((gx, gy, gz), dim=-1)[None]
                return F.grid_sample(torch.from_numpy(vol).float()[None, None], g, mode="bilinear",
                                     align_corners=True)[0, 0].numpy()
            results.append(timed("torch.grid_sample(trilinear)", threads, grid, a.reps))
    except ImportError:
        print("torch missing: torch peers skipped", file=sys.stderr)
    if a.medai_ms:
        ms = [float(v) for v in a.medai_ms.split(",")]
        medai = {("LINEAR", 1): ms[0], ("LINEAR", 2): ms[1], ("BSPLINE", 1): ms[2], ("BSPLINE", 2): ms[3]}
        for r in results:
            interp = "BSPLINE" if "order=3" in r["peer"] else "LINEAR"
            m = medai[(interp, r["threads"])]
            print(json.dumps({"ratio": f"medai {interp} {r['threads']}T / {r['peer']}",
                              "speedup": round(r["wall_s"] * 1000 / m, 2)}))


if __name__ == "__main__":
    main()
