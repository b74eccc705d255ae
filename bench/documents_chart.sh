#!/usr/bin/env bash
# The documents chart with 100k documents opens in Chromium in under 3 s (issue 8, "Done when").
#
# Fits the first FIT_ROWS (10,000) documents of the Debian corpus (`topica corpus debian`: this
# machine's package descriptions) with the built-in embedder, writes its documents chart once (that lays the documents out by UMAP and
# caches documents_2d.npy), then replicates the fitted documents to N rows (default 100,000) with
# a small seeded jitter of their map positions (bench/documents_chart_bench.cpp) and writes that
# chart. Headless Chromium (network cut off) times navigation -> plotly drawn, best of 3.
# Reference in the same run: BERTopic's own chart cannot run here (no BERTopic), so the
# comparison is the same page and points drawn as plotly's SVG `scatter` instead of WebGL
# `scattergl`, which is what a plain plotly figure without WebGL would do.
#
# Usage: bench/documents_chart.sh [BUILD_DIR]   (default: build; needs the documents_chart_bench
#        target built). Environment: N (default 100000), FIT_ROWS (10000), WORK (default BUILD_DIR/bench-documents-chart).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
n=${N:-100000}
fit_rows=${FIT_ROWS:-10000}
work=${WORK:-$build/bench-documents-chart}
topica="$build/bin/topica"
mkdir -p "$work"
if [ ! -f "$work/debian.jsonl" ]; then "$topica" corpus debian --output "$work/debian.jsonl" 2>/dev/null; fi
head -n "$fit_rows" "$work/debian.jsonl" > "$work/fit.jsonl"
if [ ! -f "$work/model/topics.json" ] || ! cmp -s "$work/fit.jsonl" "$work/model.corpus"; then
  rm -rf "$work/model"
  "$topica" fit --corpus "$work/fit.jsonl" --out "$work/model" --stop-words english >/dev/null 2>&1
  cp "$work/fit.jsonl" "$work/model.corpus"
fi
fitted=$(wc -l < "$work/fit.jsonl")
start=$(date +%s.%N)
"$topica" visualize "$work/model" --kind documents --output "$work/fitted.html" 2>/dev/null
echo "fitted corpus: $fitted Debian package descriptions; chart (with the UMAP map if not cached) in $(echo "$(date +%s.%N) - $start" | bc) s"
"$build/bench/documents_chart_bench" "$work/model" "$n" "$work/documents.html"
echo "page: $(du -m "$work/documents.html" | cut -f1) MB for $n points (plotly.js inlined: 3.5 MB)"
echo "topica documents chart (one WebGL scattergl trace, typed arrays), then the plain-plotly reference (SVG scatter, same points):"
node "$here/documents_chart.mjs" "$work/documents.html" "$work/documents.html#svg"
