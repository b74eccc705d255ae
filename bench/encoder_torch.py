#!/usr/bin/python3
"""PyTorch for bench/encoder.sh: the plain PyTorch BERT of scripts/make_encoder_fixtures.py (what
the ONNX file was exported from) on a model folder's model.safetensors. Prints one JSON line.

  fixed MODEL_DIR IDS_JSON REPEATS THREADS
      ids of one length (from bench/encoder_ort.js ids), batches of 32, attention mask all ones,
      torch.inference_mode, torch.set_num_threads(THREADS): one batch to warm up, then the whole
      set REPEATS times: {"best_s": ..., "sentences": n}
  embed MODEL_DIR IDS_JSON OUT_F32 THREADS
      every text alone, mean pooling (+ Normalize when modules.json lists it), rows as raw float32
"""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from make_encoder_fixtures import encoder_forward, pool  # noqa: E402

BATCH = 32


def read_safetensors(path):
    """name -> float32 tensor, for the F32 files bench/make_encoder_models.py writes."""
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            sys.exit(f"encoder_torch.py: {path}: {name} is {entry['dtype']}, only F32 is read here")
        begin, end = entry["data_offsets"]
        tensors[name] = torch.from_numpy(np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"]).copy())
    return tensors


def load(model_dir):
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    with open(os.path.join(model_dir, "modules.json")) as f:
        normalize = any(m["type"].endswith("Normalize") for m in json.load(f))
    return cfg, read_safetensors(os.path.join(model_dir, "model.safetensors")), normalize


def fixed(model_dir, ids_file, repeats, threads):
    cfg, w, _ = load(model_dir)
    with open(ids_file) as f:
        rows = torch.tensor(json.load(f))
    batches = [rows[b:b + BATCH] for b in range(0, len(rows), BATCH)]
    with torch.inference_mode():
        encoder_forward(cfg, w, batches[0], torch.ones_like(batches[0]))
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            for ids in batches:
                encoder_forward(cfg, w, ids, torch.ones_like(ids))
            best = min(best, time.perf_counter() - start)
    print(json.dumps({"best_s": best, "sentences": len(rows)}))


def embed(model_dir, ids_file, out, threads):
    cfg, w, normalize = load(model_dir)
    with open(ids_file) as f:
        texts = json.load(f)
    rows = []
    with torch.inference_mode():
        for ids in texts:
            ids = torch.tensor([ids])
            mask = torch.ones_like(ids)
            pooled = pool(encoder_forward(cfg, w, ids, mask), mask, "mean")
            if normalize:
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            rows.append(pooled[0].numpy())
    np.asarray(rows, dtype="<f4").tofile(out)
    print(json.dumps({"docs": len(rows)}))


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("fixed", "embed"):
        sys.exit("usage: encoder_torch.py fixed|embed MODEL_DIR IDS_JSON REPEATS|OUT_F32 THREADS")
    mode, model_dir, ids_file, arg, threads = sys.argv[1:]
    torch.set_num_threads(int(threads))
    torch.set_num_interop_threads(1)
    if mode == "fixed":
        fixed(model_dir, ids_file, int(arg), int(threads))
    else:
        embed(model_dir, ids_file, arg, int(threads))


if __name__ == "__main__":
    main()
