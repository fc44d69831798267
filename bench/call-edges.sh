#!/usr/bin/env bash
# Call edges per call site against Joern's call graph on the same code: copies of installed packages
# (default: flask click jinja2 requests werkzeug, as bench/cross-file-accuracy.sh; "stdlib" for the
# standard library) indexed by Joern 4.0.379 (pysrc2cpg frontend, then its default overlays and Python
# call linkers, no data flow: shared/bench-peers' "nodf") and by us; prints call sites, edges per
# linked site, how often a site gets several targets, and agreement (io.codeanatomy.bench.CallEdgeComparison).
#
#   bench/call-edges.sh [PACKAGE...]
#   PEERS_DIR   a copy of shared/bench-peers where setup.sh has run (default $TMPDIR/peers; set up on
#               first use from ../shared/bench-peers: Maven downloads Joern, ~130 MB)
#   KEEP=1      keep the work directory (corpus, cpg.bin, joern-calls.tsv, warehouse)
#   JOERN_XMX   Joern's heap (default 8g)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
packages=("$@")
[ ${#packages[@]} -gt 0 ] || packages=(flask click jinja2 requests werkzeug)
peers=${PEERS_DIR:-${TMPDIR:-/tmp}/peers}
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-calls-bench.XXXXXX")
[ "${KEEP:-0}" = 1 ] && echo "work directory: $work" >&2 || trap 'rm -rf "$work"' EXIT

if [ ! -f "$peers/target/classes/JoernPasses.class" ]; then
  echo "setting up Joern in $peers (shared/bench-peers/setup.sh)" >&2
  mkdir -p "$peers" && cp -r ../shared/bench-peers/. "$peers/" && "$peers/setup.sh" >&2
fi

copy_python_corpus "$work/repo" "$work/env.json" "${packages[@]}"
echo "corpus: ${packages[*]} ($(find "$work/repo" -name '*.py*' | wc -l) files)" >&2

echo "joern (frontend + overlays + python passes, no data flow) ..." >&2
/usr/bin/time -f "joern_seconds=%e joern_max_rss_kb=%M" "$peers/run-joern.sh" "$work/repo" "$work/joern" nodf >&2
mkdir -p "$work/joern-classes"
javac -nowarn -cp "$peers/target/lib/*" -d "$work/joern-classes" bench/joern/JoernCallEdges.java
java -Xmx${JOERN_XMX:-8g} -cp "$work/joern-classes:$peers/target/lib/*" JoernCallEdges "$work/joern/cpg.bin" > "$work/joern-calls.tsv" 2> "$work/joern-calls.log"

echo "codeanatomy index ..." >&2
jar=$(codeanatomy_jar)
/usr/bin/time -f "codeanatomy_seconds=%e codeanatomy_max_rss_kb=%M" \
  java -jar "$jar" index --repo "$work/repo" --repo-id corpus --warehouse "$work/wh" >&2

cp=$(bench_classpath "$work")
java -Xmx6g ${BENCH_JAVA_OPTS:-} -cp "$cp" io.codeanatomy.bench.CallEdgeComparison "$work/wh" "$work/joern-calls.tsv"
