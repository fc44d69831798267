# Shared by the benchmark scripts: the jar, the benchmarks' class path, copies of this machine's Python
# standard library and of the quick-start repository, and committing a corpus as a git repository.

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
  cp -r delta-sink/target/test-classes "$work/classes/delta-sink-tests"
  # The reactor's own modules come from the copies above; every other entry is a jar in ~/.m2.
  local cp="$work/classes/pipeline-job-tests:$work/classes/pipeline-job:$work/classes/operators-tests"
  cp="$cp:$work/classes/operators:$work/classes/delta-sink-tests:$work/classes/delta-sink:$work/classes/table-planners"
  echo "$cp:$(tr ':' '\n' < "$deps" | grep -v '/target/' | paste -sd:)"
}

# Copies every .py file of the CPython standard library (site-packages excluded) into DEST.
copy_stdlib() {
  local dest=$1 stdlib
  stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
  mkdir -p "$dest"
  (cd "$stdlib" && find . -name '*.py' -not -path './site-packages/*' -print0 | xargs -0 cp --parents -t "$dest")
}

# Copies a corpus into DEST as one repository and writes scip-python's environment file ENV_FILE:
# PACKAGE... installed packages from site-packages (.py and .pyi files), or "stdlib" for the standard
# library's .py files without its test directories (shared/bench-peers' corpus M).
#   copy_python_corpus DEST ENV_FILE PACKAGE...
copy_python_corpus() {
  python3 - "$@" <<'PY'
import importlib.metadata as md, json, os, shutil, sys, sysconfig
dest, env_file, packages = sys.argv[1], sys.argv[2], sys.argv[3:]
purelib = sysconfig.get_paths()["purelib"]
if packages == ["stdlib"]:
    # scip-python reads the standard library from its bundled typeshed stubs, not from these files: its
    # references then name stub symbols, compared by descriptor with the definitions in these files.
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    skip = {"test", "tests", "idle_test", "site-packages", "dist-packages", "__pycache__"}
    for d, dirs, files in os.walk(stdlib):
        dirs[:] = sorted(x for x in dirs if x not in skip)
        for f in files:
            if f.endswith(".py"):
                out = os.path.join(dest, os.path.relpath(os.path.join(d, f), stdlib))
                os.makedirs(os.path.dirname(out), exist_ok=True)
                shutil.copyfile(os.path.join(d, f), out)
    json.dump([], open(env_file, "w"))
    sys.exit(0)
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
}

# Commits everything in DIR as one commit on a new repository's branch main (MESSAGE, default "corpus").
#   commit_all DIR [MESSAGE]
commit_all() {
  git -C "$1" init -q -b main && git -C "$1" add -A \
    && git -C "$1" -c user.name=bench -c user.email=bench@codeanatomy.invalid -c commit.gpgsign=false commit -qm "${2:-corpus}"
}

# The quick-start repository: Python's `email` package (29 files here), committed in DEST/email.
copy_quickstart_repo() {
  local dest=$1 email
  email=$(python3 -c 'import email, os; print(os.path.dirname(email.__file__))')
  mkdir -p "$dest" && cp -r "$email" "$dest/email"
  find "$dest" -name __pycache__ -prune -exec rm -rf {} +
  commit_all "$dest"
}
