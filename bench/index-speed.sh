#!/usr/bin/env bash
# Speed of `codeanatomy index`, all layers on, full CST, on this machine:
#  - the standard library without its tests (734 files, 12.1 MB here: shared/bench-peers' corpus M)
#    as `java -jar codeanatomy.jar index` runs it, with variants measured in the same rounds
#    (interleaved, so background load hits all alike): the stock tree-sitter bindings instead of the
#    fast native path, the JVM's default JIT settings, collector and heap (no tuned child JVM), one
#    thread (--parallelism 1: the job's tasks still run side by side on every core), one core
#    (taskset -c 0: how throughput scales with cores), the JVM's default heap limit instead of the
#    one sized from the source, G1 instead of the parallel collector, and no transparent huge pages
#    (which the child JVM asks for where the kernel offers them on request);
#  - the quick-start repository (Python's `email` package, 29 files), from `java -jar` to exit, with
#    the child JVM's C1-only JIT (a small repository), with C1 and C2 (the JVM's default), without
#    the class-data archive the build writes beside the jar, without transparent huge pages, and with
#    the large runs' parallel collector instead of the serial one a small repository gets;
#  - CPU-seconds per thread of the default run (each Flink operator names its thread) and per stage
#    of the per-file work, each stage alone in one thread (StageCostBenchmark);
#  - the tables of every variant compared with the default run's: speed must not change a row.
#
#   bench/index-speed.sh [ROUNDS]      (default 1; wall, CPU and peak RSS are medians over rounds)
#
# MAVEN_FLAGS=-o builds offline. Needs GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-1}
. bench/lib.sh
jar=$(codeanatomy_jar)
work=$(mktemp -d "${TMPDIR:-/tmp}/codeanatomy-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp=$(bench_classpath "$work")

echo "corpora under $work ..."
copy_python_corpus "$work/M" "$work/M.env.json" stdlib
commit_all "$work/M"
copy_quickstart_repo "$work/quickstart"
echo "M: $(find "$work/M" -name '*.py' | wc -l) files, $(find "$work/M" -name '*.py' -print0 | du -cb --files0-from=- | tail -1 | cut -f1) bytes"

# variant NAME: how each variant runs (JVM options before -jar, env, index options after)
run_variant() { # NAME ROUND
  local name=$1 round=$2 corpus=$work/M jvm=() env=() opts=() pin=()
  case "$name" in
    default) ;;
    stock-treesitter) jvm=(-Dcodeanatomy.treesitter.native=false) ;;
    jvm-defaults) env=(CODEANATOMY_JVM_RELAUNCH=false) ;;
    one-thread) opts=(--parallelism 1) ;;
    one-core) pin=(taskset -c 0) ;; # the JVMs (and python3) see one CPU
    no-heap-limit) jvm=(-XX:MaxRAMPercentage=25) ;; # a heap flag of the user's: the JVM default (a quarter of RAM), not ours
    g1) jvm=(-XX:+UseG1GC) ;; # a collector of the user's: G1 (the JVM's default) instead of our parallel collector
    no-huge-pages) jvm=(-XX:-UseTransparentHugePages) ;; # the user's setting: none of the huge pages ours asks for
    quickstart) corpus=$work/quickstart ;;
    quickstart-no-huge-pages) corpus=$work/quickstart; jvm=(-XX:-UseTransparentHugePages) ;;
    quickstart-parallel-gc) corpus=$work/quickstart; jvm=(-XX:+UseParallelGC) ;; # the large runs' collector, not our serial one
    quickstart-tiered) corpus=$work/quickstart; jvm=(-XX:TieredStopAtLevel=4) ;; # C1 and C2, not our C1 only
    quickstart-no-archive) corpus=$work/quickstart; jvm=(-Xshare:auto) ;; # a -Xshare of the user's: no codeanatomy.jsa
  esac
  local out=$work/run/$name.$round
  rm -rf "$out" && mkdir -p "$out"
  env "${env[@]}" "${pin[@]}" /usr/bin/time -v -o "$out/time.txt" java "${jvm[@]}" -Djava.io.tmpdir="$out" \
    -Dcodeanatomy.log.file="$out/codeanatomy.log" -jar "$jar" index --repo "$corpus" --warehouse "$out/wh" "${opts[@]}" \
    > "$out/out.txt" 2>&1 &
  local pid=$!
  if [ "$name" = default ]; then python3 bench/thread-cpu.py "$pid" "$out/threads.txt" & fi
  wait "$pid" || { echo "$name failed:"; tail -20 "$out/out.txt"; exit 1; }
  wait
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/time.txt")
  user=$(awk -F': ' '/User time/ {print $2}' "$out/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$out/time.txt")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$out/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$rss" >> "$work/runs.tsv"
  printf '  %-25s round %d: %6.1f s wall %7.1f s CPU %6.0f MB peak RSS\n' "$name" "$round" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$(awk -v r="$rss" 'BEGIN {print r / 1024}')"
}

variants=(default stock-treesitter jvm-defaults one-thread one-core no-heap-limit g1 no-huge-pages quickstart quickstart-tiered
  quickstart-no-archive quickstart-no-huge-pages quickstart-parallel-gc)
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds ..."
  for v in "${variants[@]}"; do run_variant "$v" "$round"; done
done

echo
echo "same rows as the default run (round 1):"
for v in stock-treesitter jvm-defaults one-thread one-core no-heap-limit g1 no-huge-pages; do
  printf '  %-25s ' "$v"
  java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" io.codeanatomy.bench.SameTables \
    "$work/run/default.1/wh" "$work/run/$v.1/wh" > "$work/same-$v.txt" 2>/dev/null \
    && echo "yes" || { echo "NO"; cat "$work/same-$v.txt"; exit 1; }
done
for v in quickstart-tiered quickstart-no-archive quickstart-no-huge-pages quickstart-parallel-gc; do
  printf '  %-25s ' "$v (as quickstart)"
  java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" io.codeanatomy.bench.SameTables \
    "$work/run/quickstart.1/wh" "$work/run/$v.1/wh" > "$work/same-$v.txt" 2>/dev/null \
    && echo "yes" || { echo "NO"; cat "$work/same-$v.txt"; exit 1; }
done

echo
echo "CPU-seconds per thread, default run (round 1):"
cat "$work/run/default.1/threads.txt"

echo
echo "CPU-seconds per stage of the per-file work, each stage alone in one thread:"
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" io.codeanatomy.bench.StageCostBenchmark "$work/M" "$work/stages" \
  2> "$work/stages.log" | grep -v '^STAGE'

echo
echo "medians over $rounds round(s):"
printf '%-25s %8s %8s %10s\n' variant wall_s cpu_s peak_MB
for v in "${variants[@]}"; do
  awk -F'\t' -v v="$v" '$1 == v {w[++n]=$3; c[n]=$4; r[n]=$5}
    function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { printf "%-25s %8.1f %8.1f %10.0f\n", v, med(w, n), med(c, n), med(r, n) / 1024
          printf "RESULT variant=%s wall_s=%.1f cpu_s=%.1f peak_rss_mb=%.0f\n", v, med(w, n), med(c, n), med(r, n) / 1024 > "/dev/stderr" }' \
    "$work/runs.tsv"
done 2> "$work/results.txt"
cat "$work/results.txt"
awk '/variant=default / {split($3,a,"="); d=a[2]} /variant=one-thread / {split($3,a,"="); o=a[2]}
  /variant=one-core / {split($3,a,"="); c=a[2]}
  END { if (d > 0) printf "RESULT scaling one_thread_wall/default_wall=%.2f one_core_wall/default_wall=%.2f (cores: %d)\n", o / d, c / d, '"$(nproc)"' }' "$work/results.txt"
