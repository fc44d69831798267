# Shared by the benchmark scripts: the jar, the benchmarks' class path, and a copy of this machine's
# Python standard library.

# MAVEN_FLAGS (e.g. -o, to build offline) is passed to every Maven run below.

# Builds the jar when it is missing; prints its path.
codeanatomy_jar() {
  local jar=pipeline-job/target/codeanatomy.jar
  [ -f "$jar" ] || mvn ${MAVEN_FLAGS:-} -q -B -DskipTests package >&2
  echo "$jar"
}

# The benchmark programs live in pipeline-job's test sources (io.codeanatomy.bench), outside the
# shipped jar. Compiles them with the modules they use and prints a class path that runs them; a
# copy under $1 (a work directory), so that a rebuild during a long run cannot change classes under the JVM.
bench_classpath() {
  local work=$1 deps=pipeline-job/target/bench.classpath
  mvn ${MAVEN_FLAGS:-} -q -B -pl pipeline-job -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$deps" >&2
  mkdir -p "$work/classes"
  local module
  for module in operators delta-sink table-planners pipeline-job; do
    cp -r "$module/target/classes" "$work/classes/$module"
  done
  cp -r pipeline-job/target/test-classes "$work/classes/pipeline-job-tests"
  cp -r operators/target/test-classes "$work/classes/operators-tests"
  # The reactor's own modules come from the copies above; every other entry is a jar in ~/.m2.
  local cp="$work/classes/pipeline-job-tests:$work/classes/pipeline-job:$work/classes/operators-tests"
  cp="$cp:$work/classes/operators:$work/classes/delta-sink:$work/classes/table-planners"
  echo "$cp:$(tr ':' '\n' < "$deps" | grep -v '/target/' | paste -sd:)"
}

# Copies every .py file of the CPython standard library (site-packages excluded) into DEST.
copy_stdlib() {
  local dest=$1 stdlib
  stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
  mkdir -p "$dest"
  (cd "$stdlib" && find . -name '*.py' -not -path './site-packages/*' -print0 | xargs -0 cp --parents -t "$dest")
}
