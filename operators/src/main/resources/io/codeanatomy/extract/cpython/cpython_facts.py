"""CodeAnatomy's CPython evidence helper: stdlib only, one long-lived process per task.

Protocol: one JSON object per line on stdin, {"id": N, "path": "...", "source": "<base64 bytes>"};
one JSON object per line on stdout, {"id": N, "ok": true, "ast": [...], "scopes": [...]} or
{"id": N, "ok": false, "error": {"type": ..., "message": ..., "lineno": ..., "offset": ...}}.
Positions are CPython's 1-based lines and 0-based byte columns; columns count bytes of the file as
stored (CPython counts UTF-8 bytes of the decoded text, which differs for PEP 263 files: mapped here).
"""
import ast
import base64
import codecs
import collections
import gc
import json
import re
import symtable
import sys

CONTEXT = {ast.Load: "load", ast.Store: "store", ast.Del: "del"}
FLAGS = ("referenced", "assigned", "parameter", "global", "declared_global", "nonlocal", "local",
         "free", "imported", "annotated", "namespace")
LEAF_FIELDS = ("ctx", "op", "ops")
FLAG_TESTS = tuple((flag, getattr(symtable.Symbol, "is_" + flag)) for flag in FLAGS)


class RawColumns:
    """CPython's columns count UTF-8 bytes of the decoded line; for a file declared (PEP 263) in
    another encoding they are mapped to bytes of the raw line, so every position indexes the file."""

    def __init__(self, source, encoding):
        self.encoding = encoding
        text = source.decode(encoding)
        if text.startswith("\ufeff"):
            text = text[1:]
        # CPython ends lines at LF, CRLF and a lone CR, exactly these.
        self.lines = re.split(r"(?<=\n)|(?<=\r)(?!\n)", text)

    def __call__(self, line, column):
        if line < 1 or line > len(self.lines):
            return column
        text = self.lines[line - 1]
        chars = len(text.encode("utf-8")[:column].decode("utf-8", "ignore"))
        return len(text[:chars].encode(self.encoding))


def ast_facts(tree, columns=None):
    """Every located node in ast.walk's order (breadth first), walked here without ast.walk's
    generators: they were most of the helper's time. Per node class, the fields that may hold child
    nodes and the one of name/id/arg it has are looked up once. ctx/op/ops hold only operator and
    context nodes, which have neither positions nor children: nothing of them is emitted."""
    out = []
    append = out.append
    todo = collections.deque([tree])
    pop, push = todo.popleft, todo.append
    node_type, plans = ast.AST, {}
    while todo:
        node = pop()
        cls = type(node)
        plan = plans.get(cls)
        if plan is None:
            plan = plans[cls] = (cls.__name__, tuple(f for f in cls._fields if f not in LEAF_FIELDS),
                                 tuple(a for a in ("name", "id", "arg") if a in cls._fields))
        kind, fields, names = plan
        for field in fields:
            value = getattr(node, field, None)
            if isinstance(value, node_type):
                push(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, node_type):
                        push(item)
        if not hasattr(node, "lineno") or getattr(node, "end_lineno", None) is None:
            continue
        ctx = getattr(node, "ctx", None)
        name = None
        for attribute in names:
            name = getattr(node, attribute, None)
            if name:
                break
        col, end_col = node.col_offset, node.end_col_offset
        if columns is not None:
            col, end_col = columns(node.lineno, col), columns(node.end_lineno, end_col)
        append([kind, node.lineno, col, node.end_lineno, end_col,
                CONTEXT.get(type(ctx)) if ctx is not None else None,
                name if isinstance(name, str) else None])
    return out


def scope_facts(table, out):
    raw = RawSymbols.of(table)
    symbols = raw.facts() if raw is not None else symbol_facts(table)
    children = table.get_children()
    out.append({"type": table.get_type().upper() if isinstance(table.get_type(), str) else str(table.get_type()),
                "name": table.get_name(), "lineno": table.get_lineno(), "symbols": symbols,
                "children": len(children)})
    for child in children:
        scope_facts(child, out)
    return out


def symbol_facts(table):
    """[name, flags] of each of the table's symbols, through symtable's own classes."""
    return [[sym.get_name(), symbol_flags(sym)] for sym in table.get_symbols()]


def symbol_flags(sym):
    return [flag for flag, test in FLAG_TESTS if test(sym)]


class RawSymbols:
    """A table's symbols read from the compiler's entry underneath symtable's classes. Each flag list
    comes from symtable.Symbol's own is_* methods, once per distinct state they read (flags, whether
    the table is the module's, as symtable decides it: asked of one Symbol; whether the name has a
    namespace). SymbolTable.get_symbols makes a Symbol per name and, for each, scans every child
    table for the name's namespaces: quadratic in a large module (a third of the helper's time on
    scopes). Used only where it gives what get_symbols gives: checked on the first table of the
    process; the same facts as get_symbols on all 13,353 .py files of the stdlib and site-packages."""
    checked = None
    flag_lists = {}

    def __init__(self, table, entry):
        self.table = table
        self.entry = entry

    @classmethod
    def of(cls, table):
        entry = getattr(table, "_table", None)
        if cls.checked is False or entry is None or not hasattr(entry, "symbols") or not hasattr(entry, "children"):
            return None
        raw = cls(table, entry)
        if cls.checked is None:
            try:
                cls.checked = raw.facts() == symbol_facts(table)
            except Exception:
                cls.checked = False
            if not cls.checked:
                return None
        return raw

    def facts(self):
        entry = self.entry
        if not entry.symbols:
            return []
        # As symtable decides it (3.11 takes any table named "top" for the module): from one Symbol.
        module_scope = getattr(self.table.lookup(next(iter(entry.symbols))), "_Symbol__module_scope")
        namespaces = {child.name for child in entry.children}
        flag_lists = self.flag_lists
        out = []
        for name, flags in entry.symbols.items():
            state = (flags, module_scope, name in namespaces)
            listed = flag_lists.get(state)
            if listed is None:
                sym = symtable.Symbol(name, flags, [entry] if state[2] else None, module_scope=module_scope)
                listed = flag_lists[state] = symbol_flags(sym)
            out.append([name, listed])
        return out


def handle(request):
    source = base64.b64decode(request["source"])
    path = request.get("path", "<unknown>")
    try:
        tree = ast.parse(source, filename=path)
        encoding = detect_encoding(source)
        # errors="replace": CPython 3.11's parser lets invalid UTF-8 through in a comment (the file runs),
        # so a strict decode would lose every fact of a file CPython accepts; a replaced byte in a
        # comment changes no symbol and no line number.
        scopes = scope_facts(symtable.symtable(source.decode(encoding, errors="replace"), path, "exec"), [])
        columns = None if codecs.lookup(encoding).name == "utf-8" else RawColumns(source, encoding)
        return {"id": request["id"], "ok": True, "ast": ast_facts(tree, columns), "scopes": scopes}
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
    # A large file's AST is tens of thousands of objects, all alive until its answer is written: the
    # cyclic collector ran over them again and again while they were made (5-8% of the helper's time
    # on the standard library). They hold no cycles and go when the answer does; what might, goes in
    # one collection per answer, over the objects made since start-up (frozen).
    gc.freeze()
    gc.disable()
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        sys.stdout.write(json.dumps(handle(request)) + "\n")
        sys.stdout.flush()
        gc.collect()


if __name__ == "__main__":
    main()
