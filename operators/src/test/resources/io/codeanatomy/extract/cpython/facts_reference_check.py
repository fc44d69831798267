"""Compares the helper's ast_facts and scope_facts with plain ast.walk / symtable versions (the
definitions the helper's faster walks must match) on every .py file under the given directories.
Usage: facts_reference_check.py HELPER_SCRIPT DIR...  Prints "checked N files", or the first
difference and exits 1."""
import ast
import importlib.util
import os
import sys
import symtable

FLAGS = ("referenced", "assigned", "parameter", "global", "declared_global", "nonlocal", "local",
         "free", "imported", "annotated", "namespace")
CONTEXT = {ast.Load: "load", ast.Store: "store", ast.Del: "del"}


def reference_ast(tree):
    out = []
    for node in ast.walk(tree):
        if not hasattr(node, "lineno") or getattr(node, "end_lineno", None) is None:
            continue
        ctx = getattr(node, "ctx", None)
        name = getattr(node, "name", None) or getattr(node, "id", None) or getattr(node, "arg", None)
        out.append([type(node).__name__, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset,
                    CONTEXT.get(type(ctx)) if ctx is not None else None,
                    name if isinstance(name, str) else None])
    return out


def reference_scopes(table, out):
    out.append((table.get_name(), table.get_lineno(),
                [(s.get_name(), [f for f in FLAGS if getattr(s, "is_" + f)()]) for s in table.get_symbols()]))
    for child in table.get_children():
        reference_scopes(child, out)
    return out


def main():
    spec = importlib.util.spec_from_file_location("helper", sys.argv[1])
    helper = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helper)
    sys.setrecursionlimit(10000)
    checked = 0
    for top in sys.argv[2:]:
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    source = f.read()
                try:
                    tree = ast.parse(source, filename=path)
                    table = symtable.symtable(source.decode(helper.detect_encoding(source), errors="replace"), path, "exec")
                except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError):
                    continue
                if helper.ast_facts(tree) != reference_ast(tree):
                    print("ast facts differ from ast.walk's in " + path)
                    sys.exit(1)
                scopes = [(s["name"], s["lineno"], [(n, f) for n, f in s["symbols"]]) for s in helper.scope_facts(table, [])]
                if scopes != reference_scopes(table, []):
                    print("scope facts differ from symtable's in " + path)
                    sys.exit(1)
                checked += 1
    print("checked %d files" % checked)


if __name__ == "__main__":
    main()
