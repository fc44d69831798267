#!/usr/bin/env bash
# Builds the fast tree-sitter path: tree-sitter's core and the Python grammar compiled with -O2 from
# their C sources, plus flat_tree.c (one JNI call that returns a whole tree as an int array), into
#   OUT/io/codeanatomy/native/<os>-<arch>/libcodeanatomy-treesitter.so
# The sources come from npm: tree-sitter@0.25.1 vendors the core (vendor/tree-sitter/lib) and
# tree-sitter-python@0.25.0 ships src/parser.c and src/scanner.c (the grammar the Java bindings load).
#
# Without a C compiler, npm or the packages, it warns and exits 0: the jar then has no native library
# and the extractor falls back to the stock bindings (slower, same rows).
#
#   build.sh OUT_CLASSES_DIR WORK_DIR JAVA_HOME
set -uo pipefail
out=$1 work=$2 java_home=$3
here=$(cd "$(dirname "$0")" && pwd)
core_pkg=tree-sitter@0.25.1
grammar_pkg=tree-sitter-python@0.25.0

warn() {
  echo "[WARNING] fast tree-sitter path not built: $*; the stock tree-sitter bindings will be used (slower, same rows)" >&2
  exit 0
}

os=$(uname -s | tr '[:upper:]' '[:lower:]')
arch=$(uname -m)
case "$arch" in amd64) arch=x86_64 ;; arm64) arch=aarch64 ;; esac
case "$os" in
  linux) lib=libcodeanatomy-treesitter.so; shared=(-shared -Wl,-Bsymbolic) ;;
  darwin) lib=libcodeanatomy-treesitter.dylib; shared=(-dynamiclib) ;;
  *) warn "no native build for $os" ;;
esac
target_dir="$out/io/codeanatomy/native/$os-$arch"
target="$target_dir/$lib"
if [ -f "$target" ] && [ "$target" -nt "$here/flat_tree.c" ] && [ "$target" -nt "$here/build.sh" ]; then
  exit 0 # up to date
fi

cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || warn "no C compiler ($cc)"
[ -f "$java_home/include/jni.h" ] || warn "no jni.h under $java_home/include"

src="$work/src"
if [ ! -f "$src/core/vendor/tree-sitter/lib/src/lib.c" ] || [ ! -f "$src/python/src/parser.c" ]; then
  command -v npm >/dev/null 2>&1 || warn "no npm to fetch the C sources ($core_pkg, $grammar_pkg)"
  rm -rf "$src" && mkdir -p "$src/tgz" "$src/core" "$src/python"
  (cd "$src/tgz" && npm pack --silent "$core_pkg" "$grammar_pkg" >/dev/null 2>"$src/npm.log") \
    || warn "npm pack $core_pkg $grammar_pkg failed: $(tail -3 "$src/npm.log")"
  tar xzf "$src"/tgz/tree-sitter-0.*.tgz -C "$src/core" --strip-components=1 || warn "cannot unpack $core_pkg"
  tar xzf "$src"/tgz/tree-sitter-python-*.tgz -C "$src/python" --strip-components=1 || warn "cannot unpack $grammar_pkg"
fi

core="$src/core/vendor/tree-sitter/lib"
mkdir -p "$target_dir"
# Hidden visibility: only the JNI entry points are exported, so tree-sitter's own symbols never meet
# those of the stock bindings' library in the same process. NDEBUG: the stock natives keep assert() on.
"$cc" -O2 -DNDEBUG -fPIC -fvisibility=hidden -std=c11 -D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE \
  "${shared[@]}" -o "$target.tmp" \
  -I"$core/include" -I"$core/src" -I"$core/src/wasm" -I"$src/python/src" \
  -I"$java_home/include" -I"$java_home/include/$os" \
  "$core/src/lib.c" "$src/python/src/parser.c" "$src/python/src/scanner.c" "$here/flat_tree.c" \
  2>"$work/cc.log" || warn "$cc failed: $(tail -5 "$work/cc.log")"
mv "$target.tmp" "$target"
echo "[INFO] built $target with -O2 ($(wc -c < "$target") bytes)"
