#!/usr/bin/env bash
# Issue 15's wall-clock and memory targets as a user meets them, in rounds on this machine:
#  - the quick start: `java -jar codeanatomy.jar index` of Python's `email` package (29 files, as
#    bench/index-speed.sh builds it) in a new git repository into a new warehouse, from `java -jar`
#    to exit: at most 5 s;
#  - corpus M (the standard library without its tests, shared/bench-peers' corpus M) the same way:
#    at most 25 s wall and 1.5 GB peak RSS, the Delta commit included.
# This machine is shared, and the same jar's wall time swings by a quarter from hour to hour. So each
# round also times two reference runs right before ours, to tell a slow machine from a slow build:
# the jar's `help` (one JVM starting from the jar and printing: no child JVM, no Flink) beside the
# quick start, and CPython's `ast.parse` of every file of corpus M in one process (single-threaded
# CPU work that none of our code runs) beside corpus M. Prints every run, then per target the median,
# the fastest and the slowest, how many runs met it, and the ratio of our median to its reference's,
# which the machine's swings move less than the wall times. Every run of a corpus must report the
# same counts.
#
#   bench/targets.sh [ROUNDS] [quickstart|corpus-m|both]      (defaults: 5, both)
#
# MAVEN_FLAGS=-o builds offline. Needs GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
which=${2:-both}
case $which in quickstart|corpus-m|both) ;; *) echo "second argument: quickstart, corpus-m or both, not '$which'" >&2; exit 2 ;; esac
. bench/lib.sh
jar=$(realpath "$(codeanatomy_jar)")
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-targets.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ "$which" != corpus-m ]; then
  copy_quickstart_repo "$work/quickstart"
  echo "quick-start repository: $(find "$work/quickstart" -name '*.py' | wc -l) files"
fi
if [ "$which" != quickstart ]; then
  copy_python_corpus "$work/M" "$work/M.env.json" stdlib
  commit_all "$work/M"
  echo "corpus M: $(find "$work/M" -name '*.py' | wc -l) files"
fi
echo "$rounds rounds"

timed() { # NAME ROUND COMMAND...: one run; a line of runs.tsv (name, round, wall s, CPU s, peak MB)
  local name=$1 round=$2 out=$work/$1.$2
  shift 2
  mkdir -p "$out"
  /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@" > "$out/out.txt" 2>&1 \
    || { echo "$name round $round failed:"; tail -20 "$out/out.txt"; exit 1; }
  read -r wall user sys rss < "$out/time.txt"
  printf '%s\t%d\t%s\t%s\t%s\n' "$name" "$round" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" \
    "$(awk -v r="$rss" 'BEGIN {printf "%.0f", r / 1024}')" | tee -a "$work/runs.tsv"
}

index() { # NAME ROUND: index the repository NAME into a new warehouse; keeps its counts
  timed "$1" "$2" java -Dcodeanatomy.log.file="$work/$1.$2.log" -jar "$jar" index \
    --repo "$work/$1" --warehouse "$work/wh.$1.$2"
  grep -o 'indexed .* errors' "$work/$1.$2/out.txt" | sed 's/ in [0-9.]* s//' >> "$work/$1.counts"
  rm -rf "$work/wh.$1.$2"
}

for round in $(seq 1 "$rounds"); do
  if [ "$which" != corpus-m ]; then
    timed help "$round" java -Dcodeanatomy.log.file="$work/help.$round.log" -jar "$jar" help
    index quickstart "$round"
  fi
  if [ "$which" != quickstart ]; then
    timed ast.parse "$round" python3 -c 'import ast, pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
    try:
        ast.parse(p.read_bytes())
    except SyntaxError:
        pass' "$work/M"
    index M "$round"
  fi
done

echo
for corpus in quickstart M; do
  [ -f "$work/$corpus.counts" ] || continue
  if [ "$(sort -u "$work/$corpus.counts" | wc -l)" != 1 ]; then
    echo "the runs of $corpus disagree:"; sort < "$work/$corpus.counts" | uniq -c; exit 1
  fi
  echo "every run of $corpus: $(head -1 "$work/$corpus.counts")"
done
python3 - "$work/runs.tsv" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, _, wall, cpu, peak = line.split("\t")
    runs.setdefault(name, []).append((float(wall), float(cpu), float(peak)))
print(f"{'':12s} {'median wall':>11s} {'fastest':>8s} {'slowest':>8s} {'CPU s':>6s} {'peak MB':>8s} {'slowest peak MB':>16s}")
for name, rs in runs.items():
    walls = [r[0] for r in rs]
    print(f"{name:12s} {statistics.median(walls):11.2f} {min(walls):8.2f} {max(walls):8.2f} "
          f"{statistics.median(r[1] for r in rs):6.2f} {statistics.median(r[2] for r in rs):8.0f} "
          f"{max(r[2] for r in rs):16.0f}")
# (run, its reference, wall target s, peak target MB, its name in RESULT)
for name, reference, wall_target, peak_target, key in (("quickstart", "help", 5.0, None, "quickstart"),
                                                        ("M", "ast.parse", 25.0, 1536.0, "corpus_m")):
    if name not in runs:
        continue
    walls = [r[0] for r in runs[name]]
    met = sum(w <= wall_target for w in walls)
    line = f"{name}: {met} of {len(walls)} runs within {wall_target:g} s"
    result = (f"RESULT {key}_median_s={statistics.median(walls):.2f} slowest_s={max(walls):.2f} "
              f"within_{wall_target:g}s={met}/{len(walls)}")
    if peak_target is not None:
        peaks = [r[2] for r in runs[name]]
        under = sum(p <= peak_target for p in peaks)
        line += f", {under} of {len(peaks)} within {peak_target:g} MB peak RSS"
        result += f" within_{peak_target:g}MB={under}/{len(peaks)}"
    ratio = statistics.median(walls) / statistics.median(r[0] for r in runs[reference])
    print(f"{line}; median / median {reference}: {ratio:.2f}")
    print(f"{result} ratio_to_{reference.replace('.', '_')}={ratio:.2f}")
PY
