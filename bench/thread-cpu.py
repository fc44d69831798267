#!/usr/bin/env python3
"""thread-cpu.py PID [OUT] : CPU-seconds per thread of a running process tree, by thread name.

Polls /proc every 0.25 s until PID exits (the last reading of each thread is kept), then prints the
CPU time (user + system) summed over threads of the same name, for every process under PID (the
`codeanatomy` JVM that `java -jar` starts, its python3 helpers). Flink names task threads after
their operator, so each line is one stage of the job: "layer: tree-sitter CST + scopes",
"align layers + build rows", "delta-sink: Writer", ... (Linux keeps 15 characters of a thread name).
"""
import collections
import os
import re
import sys
import time

root = int(sys.argv[1])
tick = os.sysconf('SC_CLK_TCK')
last = {}  # (pid, tid) -> (name, ticks)


def stat(path):
    with open(path) as f:
        s = f.read()
    name = s[s.index('(') + 1:s.rindex(')')]
    rest = s[s.rindex(')') + 2:].split()
    return name, int(rest[11]) + int(rest[12])


def children(pid):
    out = []
    try:
        for t in os.listdir(f'/proc/{pid}/task'):
            with open(f'/proc/{pid}/task/{t}/children') as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


while os.path.exists(f'/proc/{root}'):
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            process, _ = stat(f'/proc/{pid}/stat')
            for t in os.listdir(f'/proc/{pid}/task'):
                try:
                    name, ticks = stat(f'/proc/{pid}/task/{t}/stat')
                    if process.startswith('python'):
                        name = 'python3 (CPython helper processes)'
                    last[(pid, int(t))] = (name, ticks)
                except OSError:
                    pass
            stack += children(pid)
        except OSError:
            pass
    time.sleep(0.25)

by = collections.Counter()
for (name, ticks) in last.values():
    by[re.sub(r'[0-9]+$', '#', name).strip()] += ticks / tick
out = open(sys.argv[2], 'w') if len(sys.argv) > 2 else sys.stdout
print(f'{sum(by.values()):8.1f} s  all threads', file=out)
for k, v in by.most_common(14):
    print(f'{v:8.1f} s  {k}', file=out)
