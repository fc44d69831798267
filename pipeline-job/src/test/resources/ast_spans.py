"""Independent oracle for the index tests: CPython's own parser over the same bytes.

For each file given on the command line prints one JSON line with the byte spans of function and
class definitions (from `def`/`class`/`async` to the end of the body), of every ast.Name, and the
number of calls. ast column offsets are UTF-8 byte offsets, so spans are exact byte spans.
"""
import ast
import json
import sys


def line_starts(data):
    starts = [0]
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b == 0x0A or (b == 0x0D and (i + 1 >= n or data[i + 1] != 0x0A)):
            starts.append(i + 1)
        i += 1
    return starts


def main(paths):
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        starts = line_starts(data)
        tree = ast.parse(data)

        def span(node):
            return (starts[node.lineno - 1] + node.col_offset,
                    starts[node.end_lineno - 1] + node.end_col_offset)

        functions, classes, names, calls = [], [], [], 0
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.append([*span(node), node.name])
            elif isinstance(node, ast.ClassDef):
                classes.append([*span(node), node.name])
            elif isinstance(node, ast.Name):
                names.append([*span(node), node.id])
            elif isinstance(node, ast.Call):
                calls += 1
        print(json.dumps({"path": path, "functions": functions, "classes": classes,
                          "names": names, "calls": calls}))


if __name__ == "__main__":
    main(sys.argv[1:])
