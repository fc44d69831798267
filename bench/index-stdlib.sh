#!/usr/bin/env bash
# Index benchmark: the CPython standard library of this machine (site-packages excluded), indexed
# with `codeanatomy index`, against tree-sitter parse-only and parse+extract throughput measured
# on the same files in the same run. Ratios, not absolute numbers, are what compare across runs.
#
#   bench/index-stdlib.sh [PARALLELISM]      (default: number of cores)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-$(nproc)}
. bench/lib.sh
jar=$(codeanatomy_jar)
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work")

echo "copying the Python standard library into a git repository under $work ..."
copy_stdlib "$work/stdlib"
commit_all "$work/stdlib" stdlib

echo "baseline: tree-sitter on the same files, $threads thread(s) ..."
java -Djava.io.tmpdir="$work" -cp "$cp" io.codeanatomy.bench.ParseBenchmark "$work/stdlib" "$threads" > "$work/parse.txt"
cat "$work/parse.txt"

echo "codeanatomy index, parallelism $threads ..."
java -Dcodeanatomy.log.file="$work/index.log" -jar "$jar" index --repo "$work/stdlib" --warehouse "$work/wh" \
  --parallelism "$threads" | tee "$work/index.txt"

summary=$(grep '^indexed' "$work/index.txt")
files=$(sed -E 's/^indexed ([0-9,]+) files.*/\1/' <<<"$summary" | tr -d ,)
secs=$(sed -E 's/.* in ([0-9.]+) s:.*/\1/' <<<"$summary")
peak=$(sed -E 's/.*peak memory ([0-9.]+ [KM]?B).*/\1/' <<<"$summary")
bytes=$(grep '^bytes=' "$work/parse.txt" | cut -d= -f2)
parse=$(grep '^parse_mb_per_s=' "$work/parse.txt" | cut -d= -f2)
extract=$(grep '^extract_mb_per_s=' "$work/parse.txt" | cut -d= -f2)
awk -v f="$files" -v s="$secs" -v b="$bytes" -v p="$parse" -v x="$extract" -v peak="$peak" -v t="$threads" 'BEGIN {
  mb = b / 1048576; rate = mb / s;
  printf "\nRESULT files=%d MB=%.1f threads=%d seconds=%.1f files_per_s=%.0f MB_per_s=%.2f peak_rss=%s\n", f, mb, t, s, f / s, rate, peak;
  printf "RESULT parse_only_MB_per_s=%.2f parse_extract_MB_per_s=%.2f\n", p, x;
  printf "RESULT ratio index/parse_only=%.3f index/parse_extract=%.3f\n", rate / p, rate / x;
}'
