#!/usr/bin/env bash
# Cross-file resolution against scip-python (npm @sourcegraph/scip-python@0.6.6, offline): copies of
# installed packages (default: flask click jinja2 requests werkzeug from site-packages, .py files) as
# one repository, indexed by both; prints recall and precision at the occurrence level, per category,
# with examples of misses (io.codeanatomy.bench.CrossFileAccuracyBenchmark).
#
#   bench/cross-file-accuracy.sh [PACKAGE...]
#   bench/cross-file-accuracy.sh stdlib     the standard library's .py files instead (no test, tests,
#                                           idle_test or site-packages directories: shared/bench-peers' M)
#   SCIP_DIR   where scip-python is installed (npm install on first use; default $TMPDIR/codeanatomy-scip)
#   KEEP=1     keep the work directory (corpus, warehouse, index.scip)
#   BENCH_JAVA_OPTS   e.g. -Dexamples=50 -Ddisagreements=200 (more of each in the report)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
packages=("$@")
[ ${#packages[@]} -gt 0 ] || packages=(flask click jinja2 requests werkzeug)
scip_dir=${SCIP_DIR:-${TMPDIR:-/tmp}/codeanatomy-scip}
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-xref-bench.XXXXXX")
[ "${KEEP:-0}" = 1 ] && echo "work directory: $work" >&2 || trap 'rm -rf "$work"' EXIT

if [ ! -f "$scip_dir/node_modules/@sourcegraph/scip-python/index.js" ]; then
  echo "installing scip-python 0.6.6 into $scip_dir" >&2
  mkdir -p "$scip_dir"
  (cd "$scip_dir" && npm init -y >/dev/null && npm install --no-audit --no-fund @sourcegraph/scip-python@0.6.6 >&2)
fi

copy_python_corpus "$work/repo" "$work/env.json" "${packages[@]}"
echo "corpus: ${packages[*]} ($(find "$work/repo" -name '*.py*' | wc -l) files)" >&2

echo "scip-python index ..." >&2
mkdir -p "$work/out"
( cd "$work" && NODE_OPTIONS=--max-old-space-size=${SCIP_NODE_HEAP_MB:-8192} /usr/bin/time -f "scip_python_seconds=%e scip_python_max_rss_kb=%M" \
    node "$scip_dir/node_modules/@sourcegraph/scip-python/index.js" index --cwd "$work/repo" --project-name corpus \
    --project-version 0 --environment "$work/env.json" --output "$work/out/index.scip" --quiet )

echo "codeanatomy index ..." >&2
jar=$(codeanatomy_jar)
/usr/bin/time -f "codeanatomy_seconds=%e codeanatomy_max_rss_kb=%M" \
  java -jar "$jar" index --repo "$work/repo" --repo-id corpus --warehouse "$work/wh" >&2

cp=$(bench_classpath "$work")
# scip-python reads the standard library from typeshed's stubs: the report names what a stub leaves out.
oracle_opts=""
[ "${packages[*]}" = stdlib ] && oracle_opts=-Doracle.readsStubs=true
java -Xmx6g $oracle_opts ${BENCH_JAVA_OPTS:-} -cp "$cp" io.codeanatomy.bench.CrossFileAccuracyBenchmark "$work/repo" "$work/wh" "$work/out/index.scip"
