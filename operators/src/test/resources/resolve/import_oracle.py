"""Python's own answer for every import in a directory tree, for ModuleResolverTest.

argv: REPO ROOT... (ROOT relative to REPO, '' for REPO itself). Prints one JSON object per line:
{"importer", "spec", "name" (the submodule asked for by 'from spec import name', or null),
 "found" (repo-relative origin, "NS:<first portion>" for a namespace package, "EXT:<origin>" for a
 module found outside .py/.pyi files, or null)}. Finding never executes a module (no import happens:
 importlib.machinery.PathFinder is walked part by part, as importlib does).
"""
import ast
import importlib.machinery as machinery
import importlib.util
import json
import os
import sys
import types

repo = os.path.realpath(sys.argv[1])
roots = [os.path.join(repo, r) if r else repo for r in sys.argv[2:]]


def find(name):
    path = roots
    spec = None
    parts = name.split(".")
    for i in range(len(parts)):
        try:
            spec = machinery.PathFinder.find_spec(".".join(parts[: i + 1]), path)
        except (ImportError, ValueError):
            return None
        if spec is None:
            return None
        if i < len(parts) - 1:
            if spec.submodule_search_locations is None:
                return None
            path = list(spec.submodule_search_locations)
            # What importing the package would leave for its children to find (a namespace child asks
            # for its parent's __path__), without running the package's code.
            parent = types.ModuleType(spec.name)
            parent.__path__ = path
            sys.modules.setdefault(spec.name, parent)
    return spec


def describe(spec):
    if spec is None:
        return None
    if spec.origin is None or spec.origin == "namespace":
        return "NS:" + os.path.relpath(list(spec.submodule_search_locations)[0], repo)
    rel = os.path.relpath(spec.origin, repo)
    return rel if rel.endswith(".py") else "EXT:" + rel


def module_name(path):
    """The shortest name under which the file at path is found again."""
    best = None
    for root in roots:
        rel = os.path.relpath(path, root)
        if rel.startswith(".."):
            continue
        stem = rel[: -len(".py")]
        if stem == "__init__":
            continue
        if stem.endswith("/__init__"):
            stem = stem[: -len("/__init__")]
        name = stem.replace("/", ".")
        spec = find(name)
        if spec is not None and spec.origin and os.path.realpath(spec.origin) == os.path.realpath(path):
            if best is None or len(name) < len(best):
                best = name
    return best


for dirpath, dirnames, filenames in os.walk(repo):
    dirnames.sort()
    for f in sorted(filenames):
        if not f.endswith(".py"):
            continue
        path = os.path.join(dirpath, f)
        importer = os.path.relpath(path, repo)
        try:
            tree = ast.parse(open(path, "rb").read())
        except SyntaxError:
            continue
        module = module_name(path)
        package = None
        if module is not None:
            package = module if f == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(tree):
            queries = []
            if isinstance(node, ast.Import):
                queries = [(a.name, None) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                spec = "." * node.level + (node.module or "")
                queries = [(spec, None)] + [(spec, a.name) for a in node.names if a.name != "*"]
            for spec, name in queries:
                absolute = spec
                if spec.startswith("."):
                    try:
                        absolute = importlib.util.resolve_name(spec, package) if package is not None else None
                    except (ImportError, ValueError):
                        absolute = None
                found = None
                if absolute is not None:
                    found = describe(find(absolute + "." + name if name else absolute))
                print(json.dumps({"importer": importer, "spec": spec, "name": name, "found": found,
                                  "module": module}))
