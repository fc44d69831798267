#!/usr/bin/env bash
# Heap benchmark of the sink's file rewrites: peak live heap of compaction (eight files merged) and of
# copy-on-write (one file rewritten without an owner) as the input grows 1x, 4x, 16x, with each
# figure's ratio to the 1x figure of the same run. Real Delta tables under a temporary directory.
#   bench/heap.sh [MAX_HEAP [ROW_GROUP_BYTES]]      (defaults: 256m, Parquet's row group size)
# ROW_GROUP_BYTES sets parquet.block.size (through a core-site.xml ahead on the class path), to show
# how much of the heap is Parquet's row-group buffering.
set -euo pipefail
cd "$(dirname "$0")/.."
heap=${1:-256m}
row_group=${2:-}
. bench/lib.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-heap-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work")
mkdir -p "$work/conf"
if [ -n "$row_group" ]; then
  printf '<configuration><property><name>parquet.block.size</name><value>%s</value></property></configuration>\n' \
    "$row_group" > "$work/conf/core-site.xml"
fi
# Serial GC: each sample's full collection is short on a small heap.
java -Xmx"$heap" -XX:+UseSerialGC -Djava.io.tmpdir="$work" -Dcodeanatomy.log.file="$work/bench.log" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "$work/conf:$cp" io.codeanatomy.bench.HeapBenchmark "$work/tables"
