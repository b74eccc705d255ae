#!/usr/bin/env bash
# topica serve under load (issue 8, "Done when": >= 200 requests/s with no error and flat memory,
# 8 connections for 30 s on loopback, Debian's wrk).
#
# Fits the Debian demo corpus (topica corpus debian; built-in LSA embedder, English stop words, as
# scripts/demo does) once into the work folder, starts `topica serve` on a free loopback port and
# runs `wrk -t2 -c8 -d30s` with bench/serve.lua, which rotates GET /api/topics,
# /api/documents?topic=0&limit=50 and /api/search?q=... (several queries: each search embeds the
# query and scans every topic and document embedding). Prints requests/s, errors (non-2xx
# responses plus wrk's socket errors: connect, read, write, timeout) and the server's resident
# memory (VmRSS of /proc/PID/status) before and after the run, then the verdict. Finally SIGTERM:
# the server must exit 0.
# There is no reference to compare with: BERTopic has no server (its figures are the issue's
# targets only).
#
# Usage: bench/serve.sh [BUILD_DIR]       (default build dir: build)
# Environment: SERVE_WORK (default BUILD_DIR/bench-serve); DURATION (default 30s);
#              CONNECTIONS (default 8); SERVE_THREADS (request threads, default 8).
# Needs wrk (scripts/install-bench-deps).
set -euo pipefail

build=build
for arg in "$@"; do
  case $arg in
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    -*) echo "serve.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    *) build=$arg ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
topica="$build/bin/topica"
work=${SERVE_WORK:-$build/bench-serve}
duration=${DURATION:-30s}
connections=${CONNECTIONS:-8}
command -v wrk >/dev/null || { echo "serve.sh: wrk not found (scripts/install-bench-deps)" >&2; exit 1; }
[ -x "$topica" ] || { echo "serve.sh: $topica not found (build first)" >&2; exit 1; }
mkdir -p "$work"

if [ ! -f "$work/model/topics.json" ]; then
  "$topica" corpus debian --output "$work/debian.jsonl"
  "$topica" fit --corpus "$work/debian.jsonl" --stop-words english --out "$work/model" >/dev/null
fi

"$topica" serve "$work/model" --port 0 --threads "${SERVE_THREADS:-8}" >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" || true)
  [ -n "$url" ] && break
  kill -0 $pid 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "serve.sh: no URL from topica serve" >&2; exit 1; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
documents=$(curl -sf "$url/api/documents?limit=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
# Warm-up (first touches of every page of the model), then the memory before the run.
for path in /api/topics "/api/documents?topic=0&limit=50" "/api/search?q=debian+package"; do curl -sf "$url$path" >/dev/null; done
before=$(rss)
echo "serve.sh: $url, model of $documents documents (Debian corpus, built-in LSA embedder); wrk -t2 -c$connections -d$duration"
wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/serve.lua" "$url" | tee "$work/wrk.txt"
after=$(rss)

requests=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$work/wrk.txt")
socket=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk.txt")
errors=$(( ${non2xx:-0} + ${socket:-0} ))
kill -TERM $pid
wait $pid && code=0 || code=$?
trap - EXIT

printf '\n%-28s %s\n' "requests/s" "$requests"
printf '%-28s %s (non-2xx %s, socket %s)\n' "errors" "$errors" "${non2xx:-0}" "${socket:-0}"
printf '%-28s %s kB -> %s kB (%+d kB)\n' "server RSS before -> after" "$before" "$after" $(( after - before ))
printf '%-28s %s\n' "exit code on SIGTERM" "$code"
ok=yes
awk -v r="$requests" 'BEGIN { exit !(r >= 200) }' || ok=no
[ "$errors" -eq 0 ] && [ "$code" -eq 0 ] || ok=no
# Flat: the run may add thread stacks and allocator caches, not memory per request (30 s at
# >= 200 requests/s is >= 6,000 requests; 10% or 16 MB, whichever is larger, is the bound).
growth=$(( after - before ))
limit=$(( before / 10 > 16384 ? before / 10 : 16384 ))
[ "$growth" -le "$limit" ] || ok=no
echo "verdict: >= 200 requests/s, no error, RSS growth <= $limit kB, exit 0 on SIGTERM: $ok"
