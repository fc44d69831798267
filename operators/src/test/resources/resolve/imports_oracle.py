"""The imports of each file given, by Python's ast, for FileImportsTest: one JSON line each,
{"path", "spec", "member" (null for 'import x'), "bound" (null for '*'), "module_level"}."""
import ast
import json
import sys


class Walk(ast.NodeVisitor):
    def __init__(self, path):
        self.path = path
        self.depth = 0

    def scoped(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = scoped

    def emit(self, spec, member, bound):
        print(json.dumps({"path": self.path, "spec": spec, "member": member, "bound": bound,
                          "module_level": self.depth == 0}))

    def visit_Import(self, node):
        for a in node.names:
            self.emit(a.name, None, a.asname or a.name.split(".")[0])

    def visit_ImportFrom(self, node):
        spec = "." * node.level + (node.module or "")
        for a in node.names:
            self.emit(spec, a.name, None if a.name == "*" else (a.asname or a.name))


for path in sys.argv[1:]:
    try:
        tree = ast.parse(open(path, "rb").read())
    except SyntaxError:
        continue
    Walk(path).visit(tree)
