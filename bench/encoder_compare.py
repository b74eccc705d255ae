#!/usr/bin/python3
"""The measurements of bench/encoder.sh (see its header): topica embed beside onnxruntime-node
(bench/encoder_ort.js) and PyTorch (bench/encoder_torch.py) on the model folders of
bench/make_encoder_models.py. Run through bench/encoder.sh, which installs and checks the tools.

Usage: encoder_compare.py TOPICA WORK SHARED MODELS_DIR NODE_PATH
Environment: THREADS, ENCODER_MODELS, ENCODER_REPEATS, ENCODER_E2E_MODELS, ENCODER_DOCS,
             ENCODER_PEAK_GFLOPS, TOPICA_REAL_MODEL, MATMUL_BENCH (see bench/encoder.sh).
"""
import csv
import glob
import json
import os
import re
import subprocess
import sys
import time

import numpy as np

TOPICA, WORK, SHARED, MODELS_DIR, NODE_PATH = sys.argv[1:6]
HERE = os.path.dirname(os.path.abspath(__file__))
THREADS = int(os.environ.get("THREADS", "2"))
REPEATS = int(os.environ.get("ENCODER_REPEATS", "3"))
MODELS = os.environ.get("ENCODER_MODELS", "minilm bertbase").split()
E2E_MODELS = os.environ.get("ENCODER_E2E_MODELS", "minilm").split()
DOCS = int(os.environ.get("ENCODER_DOCS", "2000"))
LENGTHS = (32, 128, 256)
# Sentences per fixed length: enough batches of 32 that start-up is small beside the work.
SENTENCES = {"minilm": {32: 256, 128: 64, 256: 32}, "bertbase": {32: 64, 128: 32, 256: 32}}
CELL = 30  # width of a table cell
BOUNDS = {"bf16": 0.999, "int8": 0.99}  # least cosine to float32 the issue allows
TARGETS = {"fp32": 0.95, "bf16": 1.7, "int8": 2.5}  # x ONNX Runtime float32

ENV = dict(os.environ, NODE_PATH=NODE_PATH, RAYON_NUM_THREADS=str(THREADS), OMP_NUM_THREADS=str(THREADS),
           TOKENIZERS_PARALLELISM="true")
verdicts = []


def log(message):
    print(f"encoder.sh: {message}", file=sys.stderr, flush=True)


def fail(message):
    print(f"encoder.sh: {message}", file=sys.stderr)
    sys.exit(1)


def run(cmd, what):
    """Runs cmd under GNU time: (stdout, wall seconds, peak RSS MB). Exits naming `what` on failure."""
    rss = os.path.join(WORK, "time.rss")
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss] + cmd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        fail(f"{what} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-600:]}")
    with open(rss) as f:
        peak = int(f.read().split()[-1]) / 1024
    return done.stdout, wall, peak


def last_json(text):
    return json.loads(text.strip().splitlines()[-1])


def node(args, what):
    out, wall, peak = run(["node", os.path.join(HERE, "encoder_ort.js")] + args, what)
    return last_json(out), wall, peak


def torch_py(args, what):
    out, wall, peak = run(["/usr/bin/python3", os.path.join(HERE, "encoder_torch.py")] + args, what)
    return last_json(out), wall, peak


def topica_precisions():
    return ["fp32", "bf16", "int8"] if "--precision" in HELP else ["fp32"]


HELP = subprocess.run([TOPICA, "embed", "--help"], capture_output=True, text=True).stdout
PRECISIONS = topica_precisions()


def topica_embed(model, corpus, out, precision, max_length=None):
    cmd = [TOPICA, "embed", "--model", model, "--corpus", corpus, "--output", out, "--threads", str(THREADS),
           "--batch-size", "32"]
    if "--no-cache" in HELP:  # measure the encoder, not rows an earlier run left in the embedding cache
        cmd += ["--no-cache"]
    if max_length:
        cmd += ["--max-length", str(max_length)]
    if len(PRECISIONS) > 1:  # the binary has --precision
        cmd += ["--precision", precision]
    return run(cmd, f"topica embed ({precision}, {os.path.basename(model)})")


def read_npy(path):
    return np.load(path).astype(np.float64)


def read_f32(path, hidden):
    return np.fromfile(path, dtype="<f4").reshape(-1, hidden).astype(np.float64)


def cosines(a, b):
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-30)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-30)
    return np.sum(a * b, axis=1)


# --- the machine's peak ----------------------------------------------------------------------------

def gemm_peak():
    """GFLOP/s per precision at THREADS threads: the best any library reaches in matmul_bench on the
    encoder's shapes (fp32: OpenBLAS or oneDNN f32; bf16: oneDNN bf16; int8: oneDNN u8s8 / s8s8).
    ENCODER_PEAK_GFLOPS sets the fp32 peak instead. Returns ({precision: GFLOP/s}, source)."""
    if os.environ.get("ENCODER_PEAK_GFLOPS"):
        return {"fp32": float(os.environ["ENCODER_PEAK_GFLOPS"])}, "ENCODER_PEAK_GFLOPS"
    binary = os.environ.get("MATMUL_BENCH", "")
    if not binary or not os.access(binary, os.X_OK):
        return {}, "n/a (no matmul_bench binary)"
    log(f"measuring the GEMM peak with {binary} ...")
    try:
        done = subprocess.run([binary], env=ENV, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return {}, f"n/a ({binary} ran past 600 s)"
    libraries = {"fp32": ("OpenBLAS sgemm", "oneDNN f32"), "bf16": ("oneDNN bf16",), "int8": ("oneDNN u8s8s32", "oneDNN s8s8s32")}
    peaks = {}
    # Lines read: "<shape> <library...> <threads> <figure> GFLOP/s [kernel]".
    for line in done.stdout.splitlines():
        m = re.match(r"M\d+ K\d+ N\d+\s+(.+?)\s+(\d+)\s+([0-9.]+) GFLOP/s", line)
        if not m or int(m.group(2)) != THREADS:
            continue
        for precision, names in libraries.items():
            if any(m.group(1).startswith(n) for n in names):
                peaks[precision] = max(peaks.get(precision, 0.0), float(m.group(3)))
    if done.returncode != 0 or not peaks:
        return {}, f"n/a ({binary} printed no GFLOP/s figure for {THREADS} threads)"
    return peaks, f"{os.path.basename(binary)}, {THREADS} threads, best library per precision"


def sentence_flops(cfg, length):
    """2 x (linear weights) x tokens, plus 4 n^2 hidden per layer for Q K^T and P V."""
    h, inter, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
    return layers * (2 * (4 * h * h + 2 * h * inter) * length + 4 * length * length * h)


# --- inputs ----------------------------------------------------------------------------------------

def write_lines(path, texts):
    part = path + ".part"
    with open(part, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(" ".join(t.split()) + "\n")
    os.replace(part, path)


def tsv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def check_sentences():
    """A few English and Korean sentences of several lengths, for the same-model checks."""
    rows = tsv_rows(os.path.join(SHARED, "data", "stsb_en", "sts-test.tsv"))[:12]
    rows += tsv_rows(os.path.join(SHARED, "data", "korsts", "sts-test.tsv"))[:12]
    texts = [r["sentence1"] for r in rows] + [r["sentence2"] for r in rows[::4]]
    return texts + [" ".join(r["sentence1"] for r in rows)]  # one past the length limit


def e2e_documents():
    """DOCS documents: ynat_dacon headlines and KorSTS test sentences, half each."""
    texts = []
    with open(os.path.join(SHARED, "data", "ynat_dacon", "train.jsonl"), encoding="utf-8") as f:
        for line in f:
            if len(texts) >= DOCS // 2:
                break
            texts.append(json.loads(line)["text"])
    for r in tsv_rows(os.path.join(SHARED, "data", "korsts", "sts-test.tsv")):
        for key in ("sentence1", "sentence2"):
            if len(texts) < DOCS:
                texts.append(r[key])
    return texts


def fixed_length_texts(model, name, length, count):
    """`count` texts of whole-word vocabulary entries that tokenize to exactly `length` tokens
    ([CLS] and [SEP] included), checked with Hugging Face tokenizers; their ids go to the other tools."""
    texts_path = os.path.join(WORK, f"{name}.fixed{length}.txt")
    ids_path = os.path.join(WORK, f"{name}.fixed{length}.ids.json")
    if not os.path.exists(ids_path):
        with open(os.path.join(model, "tokenizer.json"), encoding="utf-8") as f:
            vocab = json.load(f)["model"]["vocab"]
        words = sorted(w for w in vocab if re.fullmatch(r"[a-z]{2,}", w))
        rng = np.random.RandomState(length)
        write_lines(texts_path, [" ".join(rng.choice(words, length - 2)) for _ in range(count)])
        node(["ids", os.path.join(model, "tokenizer.json"), texts_path, ids_path + ".part"], "tokenizing")
        os.replace(ids_path + ".part", ids_path)
    with open(ids_path) as f:
        lengths = {len(r) for r in json.load(f)}
    if lengths != {length}:
        fail(f"{texts_path}: texts tokenize to {sorted(lengths)} tokens, not {length}")
    return texts_path, ids_path


# --- the parts -------------------------------------------------------------------------------------

def same_model_check(name, model, cfg):
    """ORT, PyTorch and topica on the same sentences: the bench compares one model or stops."""
    texts_path = os.path.join(WORK, "check.txt")
    write_lines(texts_path, check_sentences())
    h = cfg["hidden_size"]
    ort_out = os.path.join(WORK, f"{name}.check.ort.f32")
    node(["embed", model, texts_path, ort_out, str(THREADS)], "onnxruntime-node (check)")
    ids_path = os.path.join(WORK, f"{name}.check.ids.json")
    node(["ids", os.path.join(model, "tokenizer.json"), texts_path, ids_path], "tokenizing (check)")
    torch_out = os.path.join(WORK, f"{name}.check.torch.f32")
    torch_py(["embed", model, ids_path, torch_out, str(THREADS)], "PyTorch (check)")
    ort, ref = read_f32(ort_out, h), read_f32(torch_out, h)
    result = {}
    for p in PRECISIONS:
        out = os.path.join(WORK, f"{name}.check.{p}.npy")
        topica_embed(model, texts_path, out, p)
        result[p] = cosines(read_npy(out), ort)
    least = result["fp32"].min()
    print(f"  same model: least cosine over {len(ort)} sentences: topica fp32 vs ORT {least:.7f}, "
          f"PyTorch vs ORT {cosines(ref, ort).min():.7f}" +
          "".join(f", topica {p} vs ORT {result[p].min():.5f}" for p in PRECISIONS[1:]))
    if least < 0.99999:
        fail(f"{name}: topica fp32 and ONNX Runtime disagree (least cosine {least:.7f} < 0.99999): "
             "not the same model, stopping")


def fixed_length(name, model, cfg, peak):
    print(f"  fixed length, batch 32, {THREADS} threads, best of {REPEATS}: sentences/s (x ORT fp32) GFLOP/s"
          + (" (% of the GEMM peak of the cell's precision)" if peak else ""))
    columns = ["ORT fp32", "PyTorch fp32"] + [f"topica {p}" for p in ("fp32", "bf16", "int8")]
    print(f"  {'tokens':>6} {'sentences':>9} " + " ".join(f"{c:>{CELL}}" for c in columns))
    # topica's start-up (load the model, read and write files) on a one-line corpus, subtracted below.
    one = os.path.join(WORK, "one.txt")
    write_lines(one, ["a"])
    startup = {p: min(topica_embed(model, one, os.path.join(WORK, "one.npy"), p)[1] for _ in range(REPEATS))
               for p in PRECISIONS}
    ratios = {}
    for length in LENGTHS:
        count = SENTENCES.get(name, {}).get(length, 32)
        texts_path, ids_path = fixed_length_texts(model, name, length, count)
        rates = {}
        r, _, _ = node(["fixed", os.path.join(model, "onnx", "model.onnx"), ids_path, str(REPEATS), str(THREADS)],
                       f"onnxruntime-node ({name}, {length} tokens)")
        rates["ORT fp32"] = count / r["best_s"]
        r, _, _ = torch_py(["fixed", model, ids_path, str(REPEATS), str(THREADS)], f"PyTorch ({name}, {length} tokens)")
        rates["PyTorch fp32"] = count / r["best_s"]
        for p in PRECISIONS:
            walls = [topica_embed(model, texts_path, os.path.join(WORK, "fixed.npy"), p, length)[1] for _ in range(REPEATS)]
            rates[f"topica {p}"] = count / max(min(walls) - startup[p], 1e-9)
        cells = []
        for c in columns:
            if c not in rates:
                cells.append(f"{'not available':>{CELL}}")
                continue
            gflops = rates[c] * sentence_flops(cfg, length) / 1e9
            precision = c.split()[-1]
            share = f" ({100 * gflops / peak[precision]:.0f}%)" if precision in peak else ""
            cell = f"{rates[c]:.1f} ({rates[c] / rates['ORT fp32']:.2f}x) {gflops:.1f}{share}"
            cells.append(f"{cell:>{CELL}}")
            ratios[(c, length)] = (rates[c] / rates["ORT fp32"], gflops)
        print(f"  {length:>6} {count:>9} " + " ".join(cells))
    print(f"  (topica: whole `topica embed` processes on texts of exactly that many tokens, less its start-up "
          f"of {startup['fp32']:.2f} s on a one-line corpus; ORT and PyTorch: forward pass only)")
    for p in PRECISIONS:
        worst = min(ratios[(f"topica {p}", n)][0] for n in LENGTHS)
        verdicts.append((f"{name}: topica {p} >= {TARGETS[p]}x ORT fp32 at every length", worst >= TARGETS[p],
                         f"least {worst:.2f}x"))
        if p in peak:
            least = min(ratios[(f"topica {p}", n)][1] for n in LENGTHS) / peak[p]
            if p == "fp32":
                verdicts.append((f"{name}: topica fp32 >= 85% of the GEMM peak", least >= 0.85, f"least {100 * least:.0f}%"))
            else:
                print(f"  topica {p}: least {100 * least:.0f}% of the {p} GEMM peak ({peak[p]:.0f} GFLOP/s)")
    for p in ("bf16", "int8"):
        if p not in PRECISIONS:
            verdicts.append((f"{name}: topica {p} >= {TARGETS[p]}x ORT fp32", None, "not available (no --precision)"))


def end_to_end(name, model, cfg):
    corpus = os.path.join(WORK, f"e2e{DOCS}.txt")
    if not os.path.exists(corpus):
        write_lines(corpus, e2e_documents())
    h = cfg["hidden_size"]
    e2e_repeats = int(os.environ.get("ENCODER_E2E_REPEATS", "2"))
    ort_out = os.path.join(WORK, f"{name}.e2e.ort.f32")
    best = None
    for _ in range(e2e_repeats):
        r, wall, peak = node(["embed", model, corpus, ort_out, str(THREADS)], f"onnxruntime-node ({name}, end to end)")
        if best is None or wall < best[1]:
            best = (r, wall, peak)
    ort_r, ort_wall, ort_peak = best
    ort = read_f32(ort_out, h)
    docs = ort_r["docs"]
    print(f"  end to end, {docs} documents (ynat_dacon + KorSTS, Korean), {THREADS} threads, best of {e2e_repeats}:")
    print(f"  {'tool':18} {'process s':>9} {'docs/s':>8} {'x ORT':>6} {'x ORT encode':>12} {'peak MB':>8} {'least cos':>10} {'mean cos':>9}")
    ort_encode = ort_r["encode_s"]
    print(f"  {'ORT fp32 (s-t way)':18} {ort_wall:9.2f} {docs / ort_wall:8.1f} {1:6.2f} {'':12} "
          f"{ort_peak:8.0f}   (in-process: tokenize {ort_r['tokenize_s']:.2f} s, run {ort_r['run_s']:.2f} s, "
          f"encode total {ort_encode:.2f} s, session {ort_r['session_s']:.2f} s)")
    fp32 = None
    for p in PRECISIONS:
        out = os.path.join(WORK, f"{name}.e2e.{p}.npy")
        runs = [topica_embed(model, corpus, out, p) for _ in range(e2e_repeats)]
        _, wall, peak = min(runs, key=lambda x: x[1])
        got = read_npy(out)
        if p == "fp32":
            fp32 = got
        c = cosines(got, ort if p == "fp32" else fp32)
        versus = "ORT" if p == "fp32" else "fp32"
        print(f"  {'topica ' + p:18} {wall:9.2f} {docs / wall:8.1f} {ort_wall / wall:6.2f} {ort_encode / wall:12.2f} "
              f"{peak:8.0f} {c.min():10.6f} {c.mean():9.6f}  (cosine vs {versus})")
        if p == "fp32":
            verdicts.append((f"{name}: end-to-end topica fp32 >= 1.3x ORT (whole processes)", ort_wall / wall >= 1.3,
                             f"{ort_wall / wall:.2f}x; {ort_encode / wall:.2f}x against ORT's in-process encode time"))
        else:
            verdicts.append((f"{name}: {p} least cosine vs fp32 >= {BOUNDS[p]} on {docs} documents",
                             c.min() >= BOUNDS[p], f"{c.min():.5f}"))
    for p in ("bf16", "int8"):
        if p not in PRECISIONS:
            print(f"  {'topica ' + p:18} {'not available':>9}")


def spearman(x, y):
    try:
        from scipy.stats import spearmanr
        return float(spearmanr(x, y).correlation)
    except ImportError:
        def ranks(v):
            order = np.argsort(v, kind="mergesort")
            r = np.empty(len(v))
            r[order] = np.arange(len(v))
            for value in np.unique(v):  # ties get their mean rank
                tied = v == value
                r[tied] = r[tied].mean()
            return r
        return float(np.corrcoef(ranks(np.asarray(x)), ranks(np.asarray(y)))[0, 1])


def real_model():
    path = os.environ.get("TOPICA_REAL_MODEL")
    if path:
        return path
    hub = os.path.join(os.environ.get("HF_HOME", os.path.expanduser("~/.cache/huggingface")), "hub")
    for found in sorted(glob.glob(os.path.join(hub, "models--sentence-transformers--*", "snapshots", "*"))):
        if os.path.exists(os.path.join(found, "model.safetensors")) and os.path.exists(os.path.join(found, "config.json")):
            return found
    return None


def quality():
    model = real_model()
    if model is None:
        print("  skipped: no real model folder (set TOPICA_REAL_MODEL)")
        verdicts.append(("real model: Spearman within 0.005 of fp32 on STS-B / KorSTS", None, "skipped: no real model"))
        return
    print(f"  real model {model}: Spearman x 100 of cosine vs gold, test splits")
    print(f"  {'set':8} " + " ".join(f"{p:>14}" for p in PRECISIONS))
    for label, tsv in (("STS-B", "stsb_en"), ("KorSTS", "korsts")):
        rows = tsv_rows(os.path.join(SHARED, "data", tsv, "sts-test.tsv"))
        texts = os.path.join(WORK, f"{tsv}.pairs.txt")
        write_lines(texts, [r["sentence1"] for r in rows] + [r["sentence2"] for r in rows])
        gold = [float(r["score"]) for r in rows]
        scores = {}
        for p in PRECISIONS:
            out = os.path.join(WORK, f"real.{tsv}.{p}.npy")
            topica_embed(model, texts, out, p)
            e = read_npy(out)
            scores[p] = spearman(cosines(e[:len(rows)], e[len(rows):]), gold)
        print(f"  {label:8} " + " ".join(f"{100 * scores[p]:7.2f} ({100 * (scores[p] - scores['fp32']):+5.2f})"
                                         for p in PRECISIONS))
        for p in PRECISIONS[1:]:
            delta = scores[p] - scores["fp32"]
            verdicts.append((f"real model: {label} Spearman {p} within 0.005 of fp32", abs(delta) <= 0.005, f"{delta:+.4f}"))


def main():
    os.makedirs(WORK, exist_ok=True)
    peak, peak_source = gemm_peak()
    load_before = open("/proc/loadavg").read().split()[:3]
    print(f"Sentence encoders, {THREADS} threads: topica embed vs onnxruntime-node "
          f"{json.load(open(os.path.join(NODE_PATH, 'onnxruntime-node', 'package.json')))['version']} and PyTorch "
          f"{subprocess.run(['/usr/bin/python3', '-c', 'import torch; print(torch.__version__)'], capture_output=True, text=True).stdout.strip()}; "
          f"topica precisions: {', '.join(PRECISIONS)}; load average {' '.join(load_before)}")
    print("GEMM peak: " + (", ".join(f"{p} {g:.1f} GFLOP/s" for p, g in peak.items()) + f" ({peak_source})"
                           if peak else peak_source))
    for name in MODELS:
        model = os.path.join(MODELS_DIR, name)
        with open(os.path.join(model, "config.json")) as f:
            cfg = json.load(f)
        print(f"\n{name}: BERT hidden {cfg['hidden_size']}, {cfg['num_hidden_layers']} layers, "
              f"intermediate {cfg['intermediate_size']}, random weights (std 0.02)")
        log(f"{name}: same-model check ...")
        same_model_check(name, model, cfg)
        log(f"{name}: fixed lengths ...")
        fixed_length(name, model, cfg, peak)
        if name in E2E_MODELS:
            log(f"{name}: end to end ...")
            end_to_end(name, model, cfg)
    print("\nquality with a real model (STS-B / KorSTS):")
    quality()
    print(f"\nload average before {' '.join(load_before)}, after {' '.join(open('/proc/loadavg').read().split()[:3])} "
          "(the machine is shared: timings are noisy)")
    print("verdicts:")
    for what, ok, detail in verdicts:
        mark = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        print(f"  {mark}  {what}: {detail}")


if __name__ == "__main__":
    main()
