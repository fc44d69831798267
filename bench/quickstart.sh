#!/usr/bin/env bash
# The quick start as README's newcomer runs it: `java -jar codeanatomy.jar index` of Python's `email`
# package (29 files, as bench/index-speed.sh builds it) in a new git repository, into a new warehouse,
# from `java -jar` to exit, ROUNDS times. Each round also times a reference run, to tell a slow machine
# from a slow build: the same jar's `help` (one JVM starting from the jar and printing; no child JVM,
# no Flink), right before the quick start. Prints every run, then for each the median, the fastest and
# the slowest, how many quick starts took at most 5 s (issue 15's target), and the ratio of the two
# medians, which the shared machine's swings move less than the wall times. Every run must report the same counts.
#
#   bench/quickstart.sh [ROUNDS]      (default 9)
#
# MAVEN_FLAGS=-o builds offline. Needs GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-9}
. bench/lib.sh
jar=$(realpath "$(codeanatomy_jar)")
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-quickstart.XXXXXX")
trap 'rm -rf "$work"' EXIT

email=$(python3 -c 'import email, os; print(os.path.dirname(email.__file__))')
mkdir -p "$work/repo" && cp -r "$email" "$work/repo/email"
find "$work/repo" -name __pycache__ -prune -exec rm -rf {} +
git -C "$work/repo" init -q -b main && git -C "$work/repo" add -A \
  && git -C "$work/repo" -c user.name=bench -c user.email=bench@codeanatomy.invalid -c commit.gpgsign=false commit -qm corpus
echo "quick-start repository: $(find "$work/repo" -name '*.py' | wc -l) files; $rounds rounds"

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

for round in $(seq 1 "$rounds"); do
  timed reference "$round" java -Dcodeanatomy.log.file="$work/reference.$round.log" -jar "$jar" help
  timed quickstart "$round" java -Dcodeanatomy.log.file="$work/quickstart.$round.log" -jar "$jar" index \
    --repo "$work/repo" --warehouse "$work/wh.$round"
  grep -o 'indexed .* errors' "$work/quickstart.$round/out.txt" | sed 's/ in [0-9.]* s//' >> "$work/counts.txt"
done

echo
if [ "$(sort -u "$work/counts.txt" | wc -l)" != 1 ]; then
  echo "the runs disagree:"; sort | uniq -c < "$work/counts.txt"; exit 1
fi
echo "every run: $(head -1 "$work/counts.txt")"
python3 - "$work/runs.tsv" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, _, wall, cpu, peak = line.split("\t")
    runs.setdefault(name, []).append((float(wall), float(cpu), float(peak)))
print(f"{'':12s} {'median wall':>11s} {'fastest':>8s} {'slowest':>8s} {'CPU s':>6s} {'peak MB':>8s}")
for name, rs in runs.items():
    walls = [r[0] for r in rs]
    print(f"{name:12s} {statistics.median(walls):11.2f} {min(walls):8.2f} {max(walls):8.2f} "
          f"{statistics.median(r[1] for r in rs):6.2f} {statistics.median(r[2] for r in rs):8.0f}")
quick = [r[0] for r in runs["quickstart"]]
print(f"quick starts within 5 s: {sum(w <= 5.0 for w in quick)} of {len(quick)}")
ratio = statistics.median(quick) / statistics.median(r[0] for r in runs["reference"])
print(f"median quick start / median reference: {ratio:.2f}")
print(f"RESULT quickstart_median_s={statistics.median(quick):.2f} slowest_s={max(quick):.2f} "
      f"within_5s={sum(w <= 5.0 for w in quick)}/{len(quick)} ratio_to_reference={ratio:.2f}")
PY
