#!/usr/bin/env bash
# Sink benchmark on real CPG rows of this machine's CPython standard library (~1,800 files):
# write throughput of the Delta sink (a Flink job) against raw Kernel Parquet writes of the same
# rows in the same run, and the write amplification of replacing one file in that table.
#   bench/delta-sink.sh [PARALLELISM]      (default: number of cores)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-$(nproc)}
. bench/lib.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-sink-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work")
copy_stdlib "$work/stdlib"
java -Xmx6g -Djava.io.tmpdir="$work" -Dcodeanatomy.log.file="$work/bench.log" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "$cp" io.codeanatomy.bench.WriteBenchmark "$work/stdlib" "$work/wh" "$threads" | tee "$work/out.txt"
echo
awk -F= '
  /^rows=/ {rows=$2} /^baseline_rows_per_s=/ {b=$2} /^baseline_mb_per_s=/ {bm=$2}
  /^sink_rows_per_s=/ {s=$2} /^sink_mb_per_s=/ {sm=$2} /^write_amplification=/ {wa=$2}
  /^replace_owner_rows=/ {ro=$2}
  END { printf "RESULT rows=%d sink_rows_per_s=%d sink_MB_per_s=%.2f baseline_rows_per_s=%d baseline_MB_per_s=%.2f ratio=%.3f\n", rows, s, sm, b, bm, s / b;
        printf "RESULT one-file replace (%d rows): write amplification (bytes rewritten / bytes of new rows) = %s\n", ro, wa }' "$work/out.txt"
