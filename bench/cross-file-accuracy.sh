#!/usr/bin/env bash
# Cross-file resolution against scip-python (npm @sourcegraph/scip-python@0.6.6, offline): copies of
# installed packages (default: flask click jinja2 requests werkzeug from site-packages, .py files) as
# one repository, indexed by both; prints recall and precision at the occurrence level, per category,
# with examples of misses (io.codeanatomy.bench.CrossFileAccuracyBenchmark).
#
#   bench/cross-file-accuracy.sh [PACKAGE...]
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

python3 - "$work/repo" "$work/env.json" "${packages[@]}" <<'PY'
import importlib.metadata as md, json, os, shutil, sys, sysconfig
dest, env_file, packages = sys.argv[1], sys.argv[2], sys.argv[3:]
purelib = sysconfig.get_paths()["purelib"]
for pkg in packages:
    src = os.path.join(purelib, pkg)
    if not os.path.isdir(src):
        sys.exit(f"{pkg} is not installed in {purelib}")
    for d, dirs, files in os.walk(src):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for f in files:
            if f.endswith((".py", ".pyi")):
                out = os.path.join(dest, pkg, os.path.relpath(os.path.join(d, f), src))
                os.makedirs(os.path.dirname(out), exist_ok=True)
                shutil.copyfile(os.path.join(d, f), out)
# scip-python's environment: every installed distribution but the ones copied (their references
# would otherwise be named by the installed dist, breaking def-ref links: shared/research/scip.md).
own = {p.lower() for p in packages}
env = []
for dist in md.distributions():
    top = (dist.read_text("top_level.txt") or "").split()
    if dist.metadata["Name"].lower() in own or own & {t.lower() for t in top}:
        continue
    env.append({"name": dist.metadata["Name"], "version": dist.version,
                "files": [str(f) for f in (dist.files or []) if str(f).endswith((".py", ".pyi"))]})
json.dump(env, open(env_file, "w"))
PY
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
java -Xmx6g ${BENCH_JAVA_OPTS:-} -cp "$cp" io.codeanatomy.bench.CrossFileAccuracyBenchmark "$work/repo" "$work/wh" "$work/out/index.scip"
