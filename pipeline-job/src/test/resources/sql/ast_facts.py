"""Facts about a repository of Python files from CPython's own ast, independent of CodeAnatomy: what
the shipped SQL views are checked against (FlinkViewsTest). Prints one JSON object:

  lines        {path: number of lines}
  classes      {path: distinct qualified names of classes (nested ones too)}
  functions    {path: distinct qualified names of functions and methods (nested ones too)}
  imports      [[importer module, imported module]] for `import a.b` and `from a.b import x`
               (absolute, relative resolved by level), inside the repository
  submodule_imports  [[importer, package.name]] for `from package import name` where name is a module file
  bases        [[module.Class, base name as written, last part]] for every class's bases
  class_names  {Class name: [module.Class, ...]} every class defined at module level
  calls        {module.function: [[path, line], ...]} calls written as f(...) or x.f(...) of every
               module-level function whose name no other definition in the repository has
  never_named  [module.qualname] functions, methods and classes whose name no Name, Attribute, import
               alias or string in __all__ anywhere in the repository mentions
  unbound      {path: [names]} names read in the file that nothing in the file binds and that are no builtins
  methods      {module.Class: [method names]} for classes at module level
"""
import ast
import builtins
import json
import os
import sys

root = sys.argv[1]
files = {}
for d, dirs, fs in os.walk(root):
    dirs[:] = sorted(x for x in dirs if not x.startswith("."))
    for f in sorted(fs):
        if f.endswith(".py"):
            rel = os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/")
            files[rel] = open(os.path.join(d, f), "rb").read()


def module_of(path):
    parts = path[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


modules = {module_of(p): p for p in files}
trees = {p: ast.parse(src) for p, src in files.items()}


def package_of(path):
    m = module_of(path)
    return m if path.endswith("__init__.py") else m.rpartition(".")[0]


facts = {"lines": {}, "classes": {}, "functions": {}, "imports": [], "submodule_imports": [], "bases": [],
         "class_names": {}, "calls": {}, "never_named": [], "unbound": {}, "methods": {}}
defs = []  # (path, qualname, name, node)
mentioned = set()

for path, tree in trees.items():
    src = files[path]
    facts["lines"][path] = src.count(b"\n") + (0 if src.endswith(b"\n") or not src else 1)
    mod = module_of(path)

    # Statements nested in if/try/with at module or class level count as that level.
    def count(body, prefix, in_function):
        classes = functions = 0
        for node in body:
            if isinstance(node, ast.ClassDef):
                if not in_function:
                    classes += 1
                    if not prefix:
                        facts["class_names"].setdefault(node.name, []).append(mod + "." + node.name)
                    for b in node.bases:
                        text = ast.unparse(b)
                        facts["bases"].append([mod + "." + prefix + node.name, text, text.rpartition(".")[2]])
                defs.append((path, prefix + node.name, node.name, node, in_function))
                c, f = count(node.body, prefix + node.name + ".", in_function)
                classes += c
                functions += f
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if not in_function:
                    functions += 1
                defs.append((path, prefix + node.name, node.name, node, in_function))
                count(node.body, prefix + node.name + ".", True)
            else:
                for attr in ("body", "orelse", "finalbody"):
                    block = getattr(node, attr, None)
                    if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                        c, f = count(block, prefix, in_function)
                        classes += c
                        functions += f
                for h in getattr(node, "handlers", []) or []:
                    c, f = count(h.body, prefix, in_function)
                    classes += c
                    functions += f
                for case in getattr(node, "cases", []) or []:
                    c, f = count(case.body, prefix, in_function)
                    classes += c
                    functions += f
        return classes, functions

    count(tree.body, "", False)
    mine = {(q, isinstance(n, ast.ClassDef)) for p, q, _, n, inf in defs if p == path}
    # Distinct qualified names, nested ones too: a name defined twice (if/else) is one definition in a symbol table.
    facts["classes"][path] = sum(1 for q, is_class in mine if is_class)
    facts["functions"][path] = sum(1 for q, is_class in mine if not is_class)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            facts["methods"][mod + "." + node.name] = sorted({n.name for n in node.body
                                                              if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))})

    bound = set()
    read = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            mentioned.add(node.id)
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.Attribute):
            mentioned.add(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
            mentioned.add(node.name.rpartition(".")[2])
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchAs) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchStar) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            mentioned.add(node.value)  # __all__ entries, getattr(x, 'name')
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name in modules:
                    facts["imports"].append([mod, a.name])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_of(path)
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = base + ("." + node.module if node.module else "") if base else (node.module or "")
            else:
                target = node.module or ""
            submodules = [target + "." + a.name for a in node.names if target + "." + a.name in modules]
            # `from pkg import sub` imports the module pkg.sub; the package itself only when a name is no submodule.
            if target in modules and node.module and len(submodules) < len(node.names):
                facts["imports"].append([mod, target])
            for sub in submodules:
                facts["submodule_imports"].append([mod, sub])
    star = any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names) for n in ast.walk(tree))
    if not star:
        unbound = sorted(n for n in read - bound if not hasattr(builtins, n) and n not in ("__file__", "__name__",
                         "__doc__", "__spec__", "__loader__", "__package__", "__builtins__", "__path__", "__debug__",
                         "__annotations__", "__dict__", "__module__", "__qualname__", "__class__"))
        if unbound:
            facts["unbound"][path] = unbound

names = {}
for path, qual, name, node, in_function in defs:
    names.setdefault(name, []).append((path, qual, node, in_function))
for name, where in sorted(names.items()):
    if len(where) == 1 and "." not in where[0][1] and isinstance(where[0][2], (ast.FunctionDef, ast.AsyncFunctionDef)):
        path = where[0][0]
        facts["calls"][module_of(path) + "." + name] = []
for path, tree in trees.items():
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            for fq in facts["calls"]:
                if name is not None and fq.rpartition(".")[2] == name:
                    facts["calls"][fq].append([path, node.lineno])
for path, qual, name, node, in_function in defs:
    if not in_function and name not in mentioned:
        facts["never_named"].append(module_of(path) + "." + qual)
json.dump(facts, sys.stdout, indent=None, sort_keys=True)
