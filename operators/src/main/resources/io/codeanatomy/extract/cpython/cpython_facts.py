"""CodeAnatomy's CPython evidence helper: stdlib only, one long-lived process per task.

Protocol: one JSON object per line on stdin, {"id": N, "path": "...", "source": "<base64 bytes>"};
one JSON object per line on stdout, {"id": N, "ok": true, "ast": [...], "scopes": [...]} or
{"id": N, "ok": false, "error": {"type": ..., "message": ..., "lineno": ..., "offset": ...}}.
Positions are CPython's: 1-based lines, 0-based UTF-8 byte columns of the decoded source.
"""
import ast
import base64
import json
import symtable
import sys

CONTEXT = {ast.Load: "load", ast.Store: "store", ast.Del: "del"}
FLAGS = ("referenced", "assigned", "parameter", "global", "declared_global", "nonlocal", "local",
         "free", "imported", "annotated", "namespace")


def ast_facts(tree):
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


def scope_facts(table, out):
    symbols = []
    for sym in table.get_symbols():
        flags = [f for f in FLAGS if getattr(sym, "is_" + f)()]
        symbols.append([sym.get_name(), flags])
    out.append({"type": table.get_type().upper() if isinstance(table.get_type(), str) else str(table.get_type()),
                "name": table.get_name(), "lineno": table.get_lineno(), "symbols": symbols,
                "children": len(table.get_children())})
    for child in table.get_children():
        scope_facts(child, out)
    return out


def handle(request):
    source = base64.b64decode(request["source"])
    path = request.get("path", "<unknown>")
    try:
        tree = ast.parse(source, filename=path)
        scopes = scope_facts(symtable.symtable(source.decode(detect_encoding(source)), path, "exec"), [])
        return {"id": request["id"], "ok": True, "ast": ast_facts(tree), "scopes": scopes}
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError) as e:
        return {"id": request["id"], "ok": False,
                "error": {"type": type(e).__name__, "message": str(e),
                          "lineno": getattr(e, "lineno", None), "offset": getattr(e, "offset", None)}}


def detect_encoding(source):
    import io
    import tokenize
    return tokenize.detect_encoding(io.BytesIO(source).readline)[0]


def main():
    sys.setrecursionlimit(10000)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        sys.stdout.write(json.dumps(handle(request)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
