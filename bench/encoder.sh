#!/usr/bin/env bash
# Sentence encoders, side by side in one run on the same model and threads (default 2):
#
#   topica embed --threads N [--precision fp32|bf16|int8]
#     vs onnxruntime-node (npm; the model exported from PyTorch with torch.onnx.export, opset 17,
#        intraOpNumThreads N, interOpNumThreads 1, graph optimisation all)
#     vs PyTorch (Debian's python3-torch; torch.set_num_threads(N), inference_mode)
#
# on two random-weight BERT models written by bench/make_encoder_models.py and cached in the work
# folder: all-MiniLM-L6-v2-shaped (384 x 6 layers) and bert-base-shaped (768 x 12 layers), with the
# real all-MiniLM-L6-v2 / bert-base-uncased tokenizer.json from ../shared/reference/tokenizers.
#
#  1. Same model: topica fp32, ORT and PyTorch embed a few English and Korean sentences; the least
#     cosine of topica vs ORT is printed and the bench stops below 0.99999.
#  2. Fixed length: batch 32 x exactly 32 / 128 / 256 tokens (texts of whole vocabulary words,
#     checked with Hugging Face tokenizers to give exactly that many tokens; ORT and PyTorch get
#     those ids with an all-ones mask). ORT and PyTorch time their forward pass in-process (one
#     batch to warm up, best of ENCODER_REPEATS); topica is timed as whole `topica embed`
#     processes (best of ENCODER_REPEATS, tokenization included) less its start-up measured on a
#     one-line corpus. Sentences/s, the ratio to ORT float32, and GFLOP/s (2 x linear weights x
#     tokens + 4 n^2 hidden per layer) against the GEMM peak of matmul_bench when it is built.
#     bf16 / int8 rows run when `topica embed --help` lists --precision; else "not available".
#  3. End to end: ENCODER_DOCS (2,000) documents, half ynat_dacon headlines, half KorSTS test
#     sentences, read in place from ../shared/data: topica embed's whole process (reading,
#     tokenization, encoding, writing) vs a node process doing what sentence-transformers does
#     (sort by length, tokenize each batch of 32, pad to its longest, run, mean-pool): docs/s,
#     ratios (also against ORT's in-process encode time alone), peak memory (/usr/bin/time), and
#     the cosine of every document to ORT (fp32) or to topica fp32 (bf16, int8).
#  4. Quality: with a real model folder (TOPICA_REAL_MODEL, else a sentence-transformers model
#     in the Hugging Face cache) the Spearman correlation of cosine to gold on the STS-B and
#     KorSTS test splits per precision; otherwise "skipped".
# Then the issue's targets as PASS / FAIL lines. Figures are noisy on a shared machine.
#
# Usage: bench/encoder.sh [BUILD_DIR]     (default build dir: build)
# Environment: THREADS (2); ENCODER_WORK (BUILD_DIR/bench-encoder); ENCODER_MODELS ("minilm
#              bertbase"); ENCODER_E2E_MODELS ("minilm"); ENCODER_REPEATS (3);
#              ENCODER_E2E_REPEATS (2); ENCODER_DOCS (2000); ENCODER_PEAK_GFLOPS (skips
#              matmul_bench); TOPICA_REAL_MODEL; TOPICA_SHARED (../shared beside the repository).
# Needs node/npm (onnxruntime-node and @anush008/tokenizers are installed into the work folder on
# first use), python3-torch and python3-numpy (/usr/bin/python3), GNU time: scripts/install-bench-deps.
set -euo pipefail

build=build
for arg in "$@"; do
  case $arg in
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    -*) echo "encoder.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    *) build=$arg ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
topica="$build/bin/topica"
work=${ENCODER_WORK:-$build/bench-encoder}
shared=${TOPICA_SHARED:-$here/../../shared}
if [[ ! -x $topica ]]; then
  echo "encoder.sh: $topica not found; build it: cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release && cmake --build $build --target topica_cli" >&2
  exit 1
fi
if [[ ! -d $shared/reference/tokenizers/models || ! -d $shared/data/korsts ]]; then
  echo "encoder.sh: $shared/reference/tokenizers and $shared/data not found (set TOPICA_SHARED)" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
  echo "encoder.sh: needs python3-torch and python3-numpy for /usr/bin/python3 (scripts/install-bench-deps)" >&2
  exit 1
fi
if [[ ! -x /usr/bin/time ]] || ! command -v npm >/dev/null; then
  echo "encoder.sh: needs GNU time, node and npm (scripts/install-bench-deps)" >&2
  exit 1
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)

# The npm reference tools live in the work folder (scripts/install-bench-deps puts them there).
node_modules="$work/node/node_modules"
if [[ ! -d $node_modules/onnxruntime-node || ! -d $node_modules/@anush008/tokenizers ]]; then
  echo "encoder.sh: installing onnxruntime-node and @anush008/tokenizers into $work/node ..." >&2
  ENCODER_WORK=$work bash "$here/../scripts/install-bench-deps" "$build"
fi

models=${ENCODER_MODELS:-minilm bertbase}
echo "encoder.sh: model folders and ONNX exports in $work/models (cached) ..." >&2
# shellcheck disable=SC2086
/usr/bin/python3 "$here/make_encoder_models.py" "$work/models" "$shared/reference/tokenizers/models" $models \
  2> >(grep -v -e 'TracerWarning' -e '^ ' >&2)

matmul=""
for candidate in "$build/bin/matmul_bench" "$build/bench/matmul_bench"; do
  [[ -x $candidate ]] && { matmul=$candidate; break; }
done
export THREADS=${THREADS:-2} ENCODER_MODELS=$models MATMUL_BENCH=$matmul
/usr/bin/python3 "$here/encoder_compare.py" "$(cd "$(dirname "$topica")" && pwd)/topica" "$work" "$shared" \
  "$work/models" "$node_modules"
