#!/usr/bin/env bash
# Watch latency benchmark: commit-to-visible latency of the `watch` job on a git repository holding
# this machine's CPython standard library (site-packages excluded), one single-file commit at a time,
# at 1 s checkpoints (WATCH_BENCH_CHECKPOINTS=1s,5s for more) and watch's default 1 s poll, after the
# sink's automatic compaction has run (unmeasured warm-up commits until it has), split into detection,
# waiting for the checkpoint and the Delta commit, with each change's write amplification (bytes of files
# rewritten around it / bytes of its new rows, from the Delta logs);
# with the per-file work alone
# (CST layer, CPython layer, fusion) on the same changed files as a baseline measured in the same run.
#
#   bench/watch-latency.sh [CHANGES] [INTERVAL_MS]      (default: 20 changes, 3000 ms apart)
#
# WATCH_BENCH_EXCLUDES: comma-separated globs left out of the index; default 'test/**' (CPython's own test
# suite, more than half of the stdlib's bytes), which keeps the initial full index of each run to a
# few minutes on 2 cores. WATCH_BENCH_EXCLUDES= (empty) indexes everything.
set -euo pipefail
cd "$(dirname "$0")/.."
changes=${1:-20}
interval=${2:-3000}
excludes=${WATCH_BENCH_EXCLUDES-test/**}
checkpoints=${WATCH_BENCH_CHECKPOINTS:-1s}
. bench/lib.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-watch-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work") # copied classes: a rebuild during the run must not change them under the JVM

echo "copying the Python standard library into a git repository under $work ..."
copy_stdlib "$work/stdlib"
commit_all "$work/stdlib" stdlib

extra=()
[ -z "$excludes" ] || extra=(--exclude "$excludes")
java -Xmx6g -Djava.io.tmpdir="$work" -Dcodeanatomy.log.file="$work/watch.log" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "$cp" io.codeanatomy.bench.WatchLatencyBenchmark "$work/stdlib" "$work" \
  --changes "$changes" --interval-ms "$interval" --checkpoint-intervals "$checkpoints" --parallelism 2 "${extra[@]}" \
  | tee "$work/out.txt"

echo
grep '^RESULT' "$work/out.txt"
