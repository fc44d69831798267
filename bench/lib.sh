# Shared by the benchmark scripts: the jar, and a copy of this machine's Python standard library.

# Builds the jar when it is missing; prints its path.
codeanatomy_jar() {
  local jar=pipeline-job/target/codeanatomy.jar
  [ -f "$jar" ] || mvn -q -B -DskipTests package >&2
  echo "$jar"
}

# Copies every .py file of the CPython standard library (site-packages excluded) into DEST.
copy_stdlib() {
  local dest=$1 stdlib
  stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
  mkdir -p "$dest"
  (cd "$stdlib" && find . -name '*.py' -not -path './site-packages/*' -print0 | xargs -0 cp --parents -t "$dest")
}
