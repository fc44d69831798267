#!/usr/bin/env python3
"""CPU-seconds the CPython helper's Python side spends on a corpus: every .py file under DIR through
each given helper script's handle() and the JSON encoding of its answer, as the helper process does
per file, all scripts over the same files in one process, alternating file by file (background load
hits them alike).

    python3 bench/cpython-helper-cost.py DIR SCRIPT [SCRIPT...]

To compare with an older helper: git show REV:operators/src/main/resources/io/codeanatomy/extract/cpython/cpython_facts.py > /tmp/old_facts.py
"""
import base64
import importlib.util
import json
import os
import sys
import time


def load(index, path):
    spec = importlib.util.spec_from_file_location("helper%d" % index, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.setrecursionlimit(10000)
    helpers = [load(i, p) for i, p in enumerate(sys.argv[2:])]
    files = sorted(os.path.join(root, name) for root, dirs, names in os.walk(sys.argv[1])
                   if ".git" not in root.split(os.sep) for name in names if name.endswith(".py"))
    cpu = [0.0] * len(helpers)
    for i, path in enumerate(files):
        with open(path, "rb") as f:
            request = {"id": i, "path": path, "source": base64.b64encode(f.read()).decode()}
        for h, helper in enumerate(helpers):
            start = time.process_time()
            json.dumps(helper.handle(request))
            cpu[h] += time.process_time() - start
    print("%d files under %s" % (len(files), sys.argv[1]))
    for path, seconds in zip(sys.argv[2:], cpu):
        print("%8.2f CPU-s  %s" % (seconds, path))


if __name__ == "__main__":
    main()
