#!/usr/bin/env bash
# Heap benchmark of the sink's file rewrites: peak live heap of compaction (eight files merged) and of
# copy-on-write (one file rewritten without an owner) as the input grows 1x, 4x, 16x, with each
# figure's ratio to the 1x figure of the same run. Real Delta tables under a temporary directory.
#   bench/heap.sh [MAX_HEAP]      (default: 256m)
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-256m}
. bench/lib.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-heap-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work")
# Serial GC: each sample's full collection is short on a small heap.
java -Xmx"$heap" -XX:+UseSerialGC -Djava.io.tmpdir="$work" -Dcodeanatomy.log.file="$work/bench.log" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "$cp" io.codeanatomy.bench.HeapBenchmark "$work/tables"
