#!/usr/bin/env python3
"""Writes medai's small test segmentation models (ONNX) and their weights (JSON).

Run with Debian's python3 (python3-torch):  /usr/bin/python3 tools/test-model/make_test_models.py
Outputs go to medai-imaging/src/test/resources/org/medai/imaging/models/. The weights are fixed by
a seed, so the files are reproducible; the JSON lets Java rebuild the same network in SameDiff.

  pointwise.onnx : 1x1x1 convolution (1 -> 2 channels) + sigmoid. Per-voxel, so sliding-window
                   inference must equal whole-volume inference exactly.
  tiny3d.onnx    : conv3d 3x3x3 (1 -> 4, padding 1) + ReLU + conv3d 1x1x1 (4 -> 2): 2-class logits,
                   receptive field 3 voxels.
  bench3d.onnx   : conv3d 3x3x3 (1 -> 16) + ReLU + conv3d 3x3x3 (16 -> 16) + ReLU + conv3d 1x1x1
                   (16 -> 2): ~15k FLOPs per voxel, for benchmarks where model time must be realistic
                   relative to orchestration (a real U-Net costs more still).
"""
import json
import os
import shutil
import sys

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "medai-imaging", "src", "test", "resources",
                   "org", "medai", "imaging", "models")


class Pointwise(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv3d(1, 2, 1)

    def forward(self, x):
        return torch.sigmoid(self.conv(x))


class Tiny3d(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv3d(1, 4, 3, padding=1)
        self.conv2 = torch.nn.Conv3d(4, 2, 1)

    def forward(self, x):
        return self.conv2(torch.relu(self.conv1(x)))


class Bench3d(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv3d(1, 16, 3, padding=1)
        self.conv2 = torch.nn.Conv3d(16, 16, 3, padding=1)
        self.conv3 = torch.nn.Conv3d(16, 2, 1)

    def forward(self, x):
        return self.conv3(torch.relu(self.conv2(torch.relu(self.conv1(x)))))


def export(model, name):
    model.eval()
    x = torch.randn(1, 1, 8, 8, 8)
    dyn = {0: "n", 2: "d", 3: "h", 4: "w"}
    torch.onnx.export(model, x, os.path.join(OUT, name + ".onnx"), opset_version=13,
                      input_names=["image"], output_names=["output"],
                      dynamic_axes={"image": dyn, "output": dyn})
    weights = {k: {"shape": list(v.shape), "values": [float(f) for f in v.flatten().tolist()]}
               for k, v in model.state_dict().items()}
    with open(os.path.join(OUT, name + ".weights.json"), "w") as f:
        json.dump(weights, f)
    # A reference output on a fixed ramp input, for cross-runtime checks.
    d, h, w = 6, 7, 9
    ramp = torch.arange(d * h * w, dtype=torch.float32).reshape(1, 1, d, h, w) / (d * h * w) - 0.5
    with torch.no_grad():
        y = model(ramp)
    with open(os.path.join(OUT, name + ".reference.json"), "w") as f:
        json.dump({"input_shape": [1, 1, d, h, w], "input": "arange(n)/n - 0.5",
                   "output_shape": list(y.shape), "output": [float(v) for v in y.flatten().tolist()]}, f)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(20261128)
    export(Pointwise(), "pointwise")
    export(Tiny3d(), "tiny3d")
    export(Bench3d(), "bench3d")
    # The demo of the medai CLI runs the tiny model, so the CLI jar carries a copy.
    demo = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "src", "main", "resources",
                        "org", "medai", "examples", "models")
    os.makedirs(demo, exist_ok=True)
    shutil.copyfile(os.path.join(OUT, "tiny3d.onnx"), os.path.join(demo, "tiny3d.onnx"))
    print("wrote", sorted(os.listdir(OUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
