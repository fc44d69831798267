#!/usr/bin/env bash
# Two builds of codeanatomy.jar side by side on the standard library without its tests (corpus M),
# `index` with all layers, in interleaved rounds (A B A B ...: background load hits both alike), and
# whether their tables hold the same rows. For a change's speed-up: build the old jar from its commit,
# copy it aside, build the new one.
#
#   bench/compare-jars.sh OLD.jar NEW.jar [ROUNDS]      (default 3; prints medians and NEW/OLD ratios)
#
# MAVEN_FLAGS=-o builds offline. Needs GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 OLD.jar NEW.jar [ROUNDS]" >&2; exit 2; }
jars=("$(realpath "$1")" "$(realpath "$2")")
rounds=${3:-3}
. bench/lib.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work")
copy_python_corpus "$work/M" "$work/M.env.json" stdlib
commit_all "$work/M"
echo "M: $(find "$work/M" -name '*.py' | wc -l) files"

for round in $(seq 1 "$rounds"); do
  for side in 0 1; do
    name=$([ $side = 0 ] && echo old || echo new)
    out=$work/$name.$round
    mkdir -p "$out"
    /usr/bin/time -v -o "$out/time.txt" java -Djava.io.tmpdir="$out" -jar "${jars[$side]}" index \
      --repo "$work/M" --warehouse "$out/wh" > "$out/out.txt" 2>&1 || { echo "$name failed:"; tail -20 "$out/out.txt"; exit 1; }
    awk -F': ' -v n="$name" -v r="$round" '/Elapsed/ {k=split($2,a,":"); w=0; for(i=1;i<=k;i++) w=w*60+a[i]}
      /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
      END {printf "%s\t%d\t%.2f\t%.2f\t%.0f\n", n, r, w, u+s, m/1024}' "$out/time.txt" | tee -a "$work/runs.tsv"
  done
done

printf 'same rows: '
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" io.codeanatomy.bench.SameTables "$work/old.1/wh" "$work/new.1/wh" \
  > "$work/same.txt" 2>/dev/null && echo yes || { echo NO; cat "$work/same.txt"; exit 1; }
python3 - "$work/runs.tsv" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, _, wall, cpu, rss = line.split("\t")
    runs.setdefault(name, []).append((float(wall), float(cpu), float(rss)))
med = {n: [statistics.median(r[i] for r in rs) for i in range(3)] for n, rs in runs.items()}
print(f"{'jar':4} {'wall_s':>8} {'cpu_s':>8} {'peak_MB':>9}")
for n in ("old", "new"):
    print(f"{n:4} {med[n][0]:8.1f} {med[n][1]:8.1f} {med[n][2]:9.0f}")
o, n = med["old"], med["new"]
print(f"RESULT new/old wall={n[0] / o[0]:.2f} cpu={n[1] / o[1]:.2f} peak_rss={n[2] / o[2]:.2f}")
PY
