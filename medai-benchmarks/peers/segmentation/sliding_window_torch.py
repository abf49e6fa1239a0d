#!/usr/bin/env python3
"""Peer for SlidingWindowBenchmark: the same sliding window written plainly in PyTorch.

Same volume size (96x96x64 float32 random), ROI 48x48x32 (i, j, k), overlap 0.5, nnU-Net window
positions and gaussian importance map, batch 1, one thread; argmax labels at the end. The model is
rebuilt from the committed weights JSON. Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 medai-benchmarks/peers/segmentation/sliding_window_torch.py [tiny3d|bench3d]
Prints one JSON line with the mean time per run in ms. Exits 0 with {"skipped": ...} without torch.
"""
import json
import math
import os
import sys
import time

try:
    import numpy as np
    import torch
except ImportError as e:  # peers are optional
    print(json.dumps({"skipped": "python3-torch/numpy not installed: %s" % e}))
    sys.exit(0)

MODELS = "medai-imaging/src/test/resources/org/medai/imaging/models"


def load(name):
    with open(os.path.join(MODELS, name + ".weights.json")) as f:
        w = json.load(f)
    convs = sorted({k.split(".")[0] for k in w})
    layers = []
    for c in convs:
        shape = w[c + ".weight"]["shape"]
        conv = torch.nn.Conv3d(shape[1], shape[0], shape[2], padding=shape[2] // 2)
        conv.weight.data = torch.tensor(w[c + ".weight"]["values"], dtype=torch.float32).reshape(shape)
        conv.bias.data = torch.tensor(w[c + ".bias"]["values"], dtype=torch.float32)
        layers.append(conv)
    mods = []
    for i, l in enumerate(layers):
        mods.append(l)
        if i < len(layers) - 1:
            mods.append(torch.nn.ReLU())
    return torch.nn.Sequential(*mods).eval()


def starts(size, roi, overlap):
    if size <= roi:
        return [0]
    step = roi * (1 - overlap)
    n = int(math.ceil((size - roi) / step)) + 1
    actual = (size - roi) / (n - 1)
    return [int(np.round(actual * i)) for i in range(n)]


def gaussian(roi_kji, scale=1 / 8):
    g = 1
    for a, size in enumerate(roi_kji):
        sigma = size * scale
        t = np.arange(size) - size // 2
        v = np.exp(-(t * t) / (2 * sigma * sigma))
        v[np.abs(t) > int(4 * sigma + 0.5)] = 0
        shape = [1, 1, 1]
        shape[a] = size
        g = g * v.reshape(shape)
    g = g.astype(np.float32)
    g[g == 0] = g[g != 0].min()
    return torch.from_numpy(g)


def run(model, vol, roi_kji, overlap):
    _, _, d, h, w = vol.shape
    acc = torch.zeros((2, d, h, w))
    wsum = torch.zeros((d, h, w))
    gmap = gaussian(roi_kji)
    rk, rj, ri = roi_kji
    with torch.no_grad():
        for k in starts(d, rk, overlap):
            for j in starts(h, rj, overlap):
                for i in starts(w, ri, overlap):
                    out = model(vol[:, :, k:k + rk, j:j + rj, i:i + ri])[0]
                    acc[:, k:k + rk, j:j + rj, i:i + ri] += out * gmap
                    wsum[k:k + rk, j:j + rj, i:i + ri] += gmap
    return torch.argmax(acc / wsum, dim=0).to(torch.uint8)


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "bench3d"
    torch.set_num_threads(1)
    model = load(name)
    vol = torch.randn((1, 1, 64, 96, 96))
    run(model, vol, (32, 48, 48), 0.5)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        run(model, vol, (32, 48, 48), 0.5)
        times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"peer": "torch %s" % torch.__version__, "model": name, "meanMs": sum(times) / len(times),
                      "minMs": min(times)}))


if __name__ == "__main__":
    main()
