"""The reference for `bench predict`: Ultralytics' own predict (PyTorch weights) on one image, in a process of its own.

Prints one JSON line: per-call wall times in ms (preprocess, inference and postprocess included, as `model(...)` does).
    python ultralytics-predict.py <weights.pt> <image> <imgsz> <runs>
"""
import json
import sys
import time

from ultralytics import YOLO

weights, image, imgsz, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
model = YOLO(weights)
for _ in range(10):  # warm-up
    model(image, imgsz=imgsz, verbose=False)
samples = []
for _ in range(runs):
    start = time.perf_counter()
    model(image, imgsz=imgsz, verbose=False)
    samples.append((time.perf_counter() - start) * 1000)
print(json.dumps({"samples": samples}))
