#!/usr/bin/python3
"""pydicom peer for medai's DicomBenchmark: the same 500-file series, the same two tasks.

Usage: /usr/bin/python3 medai-benchmarks/peers/dicom/pydicom_peer.py [DIR]
DIR defaults to medai-benchmarks/target/dicom-bench-series (write it first with
org.medai.benchmarks.dicom.DicomBenchFiles). Prints one JSON object; when pydicom or numpy is
missing it prints {"skipped": reason} and exits 0.

- index_headers: dcmread(stop_before_pixels=True) of every file plus the same five fields medai
  reads; best of 5 passes -> files/s.
- decode_native: pixel_array of one file parsed from memory, recomputed each time (the cache is
  cleared), best of 200 -> MB/s of decoded stored values; the median is printed too
  (compare with the p0.00 and p0.50 of DicomBenchmark.decodeNative in JMH's sample mode).
"""
import io
import json
import os
import sys
import time


def main():
    try:
        import numpy  # noqa: F401
        import pydicom
    except ImportError as e:
        print(json.dumps({"skipped": "pydicom/numpy not available: %s" % e}))
        return 0
    d = sys.argv[1] if len(sys.argv) > 1 else "medai-benchmarks/target/dicom-bench-series"
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.startswith("slice_")) if os.path.isdir(d) else []
    if len(files) < 500:
        print(json.dumps({"skipped": "benchmark series not found in %s; run DicomBenchFiles first" % d}))
        return 0
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for f in files:
            ds = pydicom.dcmread(f, stop_before_pixels=True)
            _ = (ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID, int(ds.InstanceNumber),
                 [float(x) for x in ds.ImagePositionPatient])
        best = min(best, time.perf_counter() - t0)
    index_fps = len(files) / best

    raw = open(files[0], "rb").read()
    ds = pydicom.dcmread(io.BytesIO(raw))
    nbytes = ds.Rows * ds.Columns * 2
    times = []
    for _ in range(200):
        ds._pixel_array = None
        ds._pixel_id = {}
        t0 = time.perf_counter()
        arr = ds.pixel_array
        times.append(time.perf_counter() - t0)
    times.sort()
    best_dec = times[0]
    median_dec = times[len(times) // 2]
    print(json.dumps({
        "pydicom": pydicom.__version__,
        "files": len(files),
        "index_headers_files_per_s": round(index_fps, 1),
        "decode_native_mb_per_s": round(nbytes / best_dec / 1e6, 1),
        "decode_native_us": round(best_dec * 1e6, 1),
        "decode_native_median_us": round(median_dec * 1e6, 1),
        "dtype": str(arr.dtype),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
