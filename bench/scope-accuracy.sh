#!/usr/bin/env bash
# Scope accuracy benchmark: the scope layer (io.codeanatomy.scope) against CPython's symtable on every
# .py file of this machine's Python standard library and site-packages. Prints the agreement per
# category, the most frequent disagreement causes with examples, and files/s. Files symtable rejects
# (syntax errors for this Python) are counted and skipped.
#
#   bench/scope-accuracy.sh [DIR...]      (default: the stdlib and site-packages of python3)
set -euo pipefail
dirs=()
for d in "$@"; do dirs+=("$(realpath "$d")"); done # before the cd below
set -- "${dirs[@]}"
cd "$(dirname "$0")/.."
. bench/lib.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-scope-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work")
if [ $# -eq 0 ]; then
  mapfile -t dirs < <(python3 -c 'import sysconfig; p = sysconfig.get_paths(); print(p["stdlib"]); print(p["purelib"])')
  # site-packages usually sits inside the stdlib directory: walk it once
  case "${dirs[1]}/" in "${dirs[0]}"/*) set -- "${dirs[0]}" ;; *) set -- "${dirs[0]}" "${dirs[1]}" ;; esac
fi
echo "comparing the scope layer with symtable on: $*" >&2
java -cp "$cp" io.codeanatomy.bench.ScopeAccuracyBenchmark "$@"
