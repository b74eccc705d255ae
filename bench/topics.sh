#!/usr/bin/env bash
# topica fit beside BERTopic's recorded figures (issue 4, "Done when"), corpus by corpus.
#
# BERTopic cannot be installed here, so its figures are constants copied from
# ../shared/reference/bertopic/README.md (BERTopic 0.17.4, default settings, precomputed LSA-384
# embeddings, this machine kind). The embeddings are rebuilt by that README's recipe with
# bench/make_debian_embeddings.py (TF-IDF sublinear_tf, min_df 2, English stop words for English
# and none for Korean -> TruncatedSVD(384, random_state 0) -> L2 -> float32 .npy) and cached in
# the work folder, for: the Debian demo corpus (topica corpus debian; labels: Debian Sections) and
# ../shared/data/ bbc_news, ag_news (test), 20newsgroups (test), ynat_dacon (Korean headlines).
#
# Each corpus is fitted once with `topica fit --corpus C --embeddings E --out DIR --threads N`
# (BERTopic's defaults otherwise) under /usr/bin/time for wall time, CPU time (user + system: on a
# shared, loaded machine it shows what the run cost when wall time is inflated by waiting for a
# core) and peak RSS. NMI and adjusted Rand (scikit-learn; all documents, the outlier topic -1
# counted as its own class) of DIR/documents.csv's topic column against the corpus labels, the
# topic count and the outlier share are printed beside BERTopic's, with the speed ratio
# (BERTopic s / topica s). Verdicts against issue 4's "Done when" follow the table. Extra row:
# the Debian corpus without --embeddings (topica's built-in LSA embedder). Then the determinism
# check: Debian again with --threads 1, documents.csv and topics.csv compared byte for byte.
#
# Usage: bench/topics.sh [BUILD_DIR]       (default build dir: build)
# Environment: THREADS (default 2); TOPICS_WORK (default BUILD_DIR/bench-topics);
#              TOPICS_CORPORA (default "debian bbc_news ag_news 20newsgroups ynat_dacon");
#              TOPICS_LSA=0 skips the built-in-embedder row; TOPICS_DETERMINISM=0 skips the
#              --threads 1 refit; TOPICA_SHARED (default ../shared beside the repository).
# Needs Debian's python3-sklearn and python3-numpy (/usr/bin/python3) and GNU time; not umap-learn.
set -euo pipefail

build=build
for arg in "$@"; do
  case $arg in
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    -*) echo "topics.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    *) build=$arg ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
threads=${THREADS:-2}
topica="$build/bin/topica"
work=${TOPICS_WORK:-$build/bench-topics}
shared=${TOPICA_SHARED:-$here/../../shared}
data="$shared/data"
corpora=${TOPICS_CORPORA:-debian bbc_news ag_news 20newsgroups ynat_dacon}
if [[ ! -x $topica ]]; then
  echo "topics.sh: $topica not found; build it: cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release && cmake --build $build --target topica_cli" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import numpy, sklearn' 2>/dev/null; then
  echo "topics.sh: needs numpy and scikit-learn for /usr/bin/python3 (apt install python3-sklearn)" >&2
  exit 1
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "topics.sh: needs GNU time for wall time and peak memory (apt install time)" >&2
  exit 1
fi
mkdir -p "$work"

# name -> corpus, class field, TF-IDF stop words.
declare -A corpus_of=([debian]="$build/demo/debian.jsonl" [bbc_news]="$data/bbc_news/bbc.jsonl"
  [ag_news]="$data/ag_news/test.jsonl" [20newsgroups]="$data/20newsgroups/test.jsonl"
  [ynat_dacon]="$data/ynat_dacon/train.jsonl")
declare -A class_of=([debian]=class [bbc_news]=label [ag_news]=label [20newsgroups]=label [ynat_dacon]=label)
declare -A stop_of=([debian]=english [bbc_news]=english [ag_news]=english [20newsgroups]=english [ynat_dacon]=none)

# Embeddings first (not timed), so that the fits below run back to back.
names=()
for name in $corpora; do
  if [[ -z ${corpus_of[$name]:-} ]]; then
    echo "topics.sh: unknown corpus '$name' (known: ${!corpus_of[*]})" >&2
    exit 2
  fi
  corpus=${corpus_of[$name]}
  if [[ $name == debian && ! -s $corpus ]]; then
    echo "topics.sh: writing the demo corpus to $corpus ..." >&2
    mkdir -p "$(dirname "$corpus")"
    "$topica" corpus debian --output "$corpus"
  fi
  if [[ ! -s $corpus ]]; then
    echo "topics.sh: $corpus not found (set TOPICA_SHARED to the shared folder); skipping $name" >&2
    continue
  fi
  npy="$work/$name.lsa384.npy"
  if [[ ! -s $npy || $corpus -nt $npy || $here/make_debian_embeddings.py -nt $npy ]]; then
    echo "topics.sh: $name: embedding (TF-IDF -> SVD 384 -> L2, stop words ${stop_of[$name]}) ..." >&2
    /usr/bin/python3 "$here/make_debian_embeddings.py" "$corpus" "$npy" --class-field "${class_of[$name]}" \
      --stop-words "${stop_of[$name]}" --classes "$work/$name.classes.txt"
  fi
  names+=("$name")
done
if [[ ${#names[@]} == 0 ]]; then
  echo "topics.sh: no corpus to fit" >&2
  exit 1
fi

export OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# fit NAME CORPUS OUT THREADS [--embeddings E.npy]: one timed topica fit; %M,%e,%U,%S into OUT.time.
fit() {
  local name=$1 corpus=$2 out=$3 n=$4
  shift 4
  rm -rf "$out"
  echo "topics.sh: $name: topica fit --threads $n $* ..." >&2
  if ! /usr/bin/time -f '%M,%e,%U,%S' -o "$out.time" "$topica" fit --corpus "$corpus" --out "$out" --threads "$n" "$@" \
      >"$out.table" 2>"$out.log"; then
    echo "topics.sh: $name: topica fit failed; its log ($out.log):" >&2
    tail -5 "$out.log" >&2
    exit 1
  fi
  tail -1 "$out.log" >&2
}

rows=()
for name in "${names[@]}"; do
  fit "$name" "${corpus_of[$name]}" "$work/$name.model" "$threads" --embeddings "$work/$name.lsa384.npy"
  rows+=("$name:$work/$name.model:$work/$name.classes.txt")
done
if [[ ${TOPICS_LSA:-1} != 0 && " ${names[*]} " == *" debian "* ]]; then
  fit debian-lsa "${corpus_of[debian]}" "$work/debian-lsa.model" "$threads"
  rows+=("debian-lsa:$work/debian-lsa.model:$work/debian.classes.txt")
fi
same="not run"
if [[ ${TOPICS_DETERMINISM:-1} != 0 && " ${names[*]} " == *" debian "* ]]; then
  fit debian-t1 "${corpus_of[debian]}" "$work/debian-t1.model" 1 --embeddings "$work/debian.lsa384.npy"
  same="documents.csv $(cmp -s "$work/debian.model/documents.csv" "$work/debian-t1.model/documents.csv" && echo identical || echo DIFFERENT)"
  same+=", topics.csv $(cmp -s "$work/debian.model/topics.csv" "$work/debian-t1.model/topics.csv" && echo identical || echo DIFFERENT)"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 - "$threads" "$load_before" "$load_after" "$same" "${rows[@]}" <<'PY'
import csv, sys
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

threads, load_before, load_after, same = sys.argv[1:5]

# BERTopic 0.17.4's figures, copied from ../shared/reference/bertopic/README.md: docs, fit s,
# peak RSS MB (None: not recorded), topics, outliers %, NMI, ARI (None: not recorded).
# Debian: "BERTopic timings" table, 58,961 documents, median of 3 warm runs; NMI vs Section.
# The others: "BERTopic defaults on ../../data/ corpora", single runs; bbc_news's 12.9 s is cold
# (includes numba's compile time, ~13-18 s per that README).
recorded = {
    'debian':       (58961, 52.1, 1461, 935, 27.9, 0.346, None),
    'bbc_news':     (2225, 12.9, None, 52, 26.1, 0.493, 0.173),
    'ag_news':      (7600, 26.1, None, 188, 22.8, 0.250, 0.018),
    '20newsgroups': (7532, 9.8, None, 162, 34.6, 0.361, 0.033),
    'ynat_dacon':   (45654, 34.6, None, 983, 6.6, 0.207, 0.008),
}
recorded['debian-lsa'] = recorded['debian']

def pair(ours, theirs, fmt):
    return f'{fmt.format(ours)} / ' + ('-' if theirs is None else fmt.format(theirs))

header = (f'{"corpus":13} {"docs":>6} {"topica s":>8} {"cpu s":>6} {"BERTopic s":>10} {"speedup":>7} {"peak MB":>12} '
          f'{"topics":>10} {"outliers %":>11} {"NMI":>13} {"ARI":>13}')
print(f'machine: {__import__("os").cpu_count()} cores; load average before: {load_before}; --threads {threads}')
print('columns with a slash: topica / BERTopic (recorded, ../shared/reference/bertopic/README.md)')
print(header)
print('-' * len(header))
verdicts = []
for row in sys.argv[5:]:
    name, model, classes_path = row.split(':')
    with open(f'{model}/documents.csv', newline='') as f:
        topics = [int(r['topic']) for r in csv.DictReader(f)]
    with open(classes_path, encoding='utf-8') as f:
        classes = [line.rstrip('\n') for line in f]
    if len(classes) != len(topics):
        sys.exit(f'topics.sh: {name}: {len(topics)} documents but {len(classes)} labels')
    peak_kb, wall, user, system = open(f'{model}.time').read().strip().splitlines()[-1].split(',')
    peak_mb, wall, cpu = int(peak_kb) / 1024, float(wall), float(user) + float(system)
    n_topics = len(set(topics) - {-1})
    outliers = 100 * topics.count(-1) / len(topics)
    nmi = normalized_mutual_info_score(classes, topics)
    ari = adjusted_rand_score(classes, topics)
    r_docs, r_s, r_mb, r_topics, r_out, r_nmi, r_ari = recorded[name]
    print(f'{name:13} {len(topics):6} {wall:8.2f} {cpu:6.1f} {r_s:10.1f} {r_s / wall:6.1f}x {pair(peak_mb, r_mb, "{:.0f}"):>12} '
          f'{pair(n_topics, r_topics, "{}"):>10} {pair(outliers, r_out, "{:.1f}"):>11} '
          f'{pair(nmi, r_nmi, "{:.3f}"):>13} {pair(ari, r_ari, "{:.3f}"):>13}')
    if name == 'debian-lsa':
        continue  # BERTopic ran on the LSA-384 .npy, not on topica's built-in embedder
    verdicts.append(f'{name}: NMI {"≥" if nmi >= r_nmi else "BELOW"} BERTopic'
                    + ('' if r_ari is None else f', ARI {"≥" if ari >= r_ari else "BELOW"} BERTopic'))
    if name == 'debian':
        verdicts.append(f'debian: speedup {r_s / wall:.1f}x ({"≥" if r_s / wall >= 10 else "BELOW"} 10x), '
                        f'peak {peak_mb:.0f} MB ({"<" if peak_mb < r_mb else "NOT below"} {r_mb} MB)')
print('-' * len(header))
print('debian-lsa: topica fit without --embeddings (built-in LSA embedder, default --stop-words none);'
      ' BERTopic column: its run on the LSA-384 .npy')
print(f'load average after: {load_after}')
print(f'determinism (debian, --threads 1 vs --threads {threads}): {same}')
for v in verdicts:
    print(v)
PY
