#!/usr/bin/env bash
# Table size benchmark: indexes this machine's CPython standard library (site-packages excluded; by
# default without test/**, as the latency benchmark) with every layer and the full CST, and prints each
# table's bytes (the data files its current version references) against the source bytes indexed.
#
#   bench/table-size.sh [PARALLELISM]     TABLE_BENCH_EXCLUDES='test/**' (comma-separated; empty: everything)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
excludes=${TABLE_BENCH_EXCLUDES-test/**}
. bench/lib.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-size-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work")

echo "copying the Python standard library into a git repository under $work ..."
copy_stdlib "$work/stdlib"
commit_all "$work/stdlib" stdlib

IFS=, read -r -a globs <<<"$excludes"
java -Xmx6g -Djava.io.tmpdir="$work" -Dcodeanatomy.log.file="$work/index.log" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "$cp" io.codeanatomy.bench.TableSizeBenchmark "$work/stdlib" "$work/wh" "$threads" "${globs[@]}" | tee "$work/out.txt"
