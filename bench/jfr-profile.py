#!/usr/bin/env python3
"""jfr-profile.py: where a recorded run's CPU and allocation go, from a JFR file (`jfr` on the PATH).

    bench/jfr-profile.py cpu FILE.jfr [THREAD] [N]    execution samples: per thread, then for the threads
                                                      whose name contains THREAD (all without it) the top
                                                      N methods by self samples, by first frame of our own
                                                      code (io.codeanatomy), and inclusive
    bench/jfr-profile.py alloc FILE.jfr [DEPTH] [N]   sampled allocation weight by class, by first frame
                                                      that is not a JDK collection/string helper, and by
                                                      class + the first DEPTH such frames

Record the child JVM (the command `java -jar` starts; `ps -eo args | grep codeanatomy.jvm.child`) with
`-XX:StartFlightRecording=filename=FILE.jfr,settings=profile` added before `-cp`, or a whole run with
`java -XX:StartFlightRecording=...,settings=profile -jar codeanatomy.jar index ...` (the flag is passed
on to the child). Samples are of Java code only: JIT compiler threads, GC and python3 are not in them
(bench/thread-cpu.py counts those).
"""
import collections
import json
import subprocess
import sys

# Frames of the JDK's own containers and strings: the allocation is charged to the caller.
HELPERS = ("Arrays.", "String.", "StringBuilder.", "AbstractStringBuilder.", "ArrayList.", "HashMap.",
           "StringLatin1.", "StringUTF16.", "Integer.", "Long.", "StringConcatHelper.")


def events(path, kind, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", kind, path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frames(event):
    trace = event["values"].get("stackTrace") or {}
    return [(f["method"]["type"]["name"], f["method"]["name"]) for f in trace.get("frames", [])]


def short(frame):
    return frame[0].split("/")[-1] + "." + frame[1]


def table(title, counter, total, n, unit):
    print(f"-- {title}")
    for key, value in counter.most_common(n):
        print(f"{value / unit:9.2f} {100 * value / total:5.1f}%  {key}")


def cpu(path, thread="", n=25):
    by_thread, self_time, own, inclusive = (collections.Counter() for _ in range(4))
    for e in events(path, "jdk.ExecutionSample", 40):
        t = e["values"]["sampledThread"]
        name = (t.get("javaName") or t.get("osName") or "?").split(" (")[0][:48]
        by_thread[name] += 1
        fs = frames(e)
        if thread not in name or not fs:
            continue
        self_time[short(fs[0])] += 1
        own[next((short(f) for f in fs if f[0].startswith("io/codeanatomy")), "(no frame of ours)")] += 1
        for f in set(short(f) for f in fs):
            inclusive[f] += 1
    total = sum(self_time.values()) or 1
    table("samples per thread", by_thread, sum(by_thread.values()) or 1, 20, 1)
    table(f"self ({total} samples{', threads named *' + thread + '*' if thread else ''})", self_time, total, n, 1)
    table("first frame of our own code", own, total, n, 1)
    table("inclusive", inclusive, total, n, 1)


def alloc(path, depth=3, n=25):
    by_class, by_site, by_stack = (collections.Counter() for _ in range(3))
    for e in events(path, "jdk.ObjectAllocationSample", 16):
        weight = e["values"]["weight"]
        cls = e["values"]["objectClass"]["name"]
        callers = [short(f) for f in frames(e) if not short(f).startswith(HELPERS)]
        by_class[cls] += weight
        by_site[callers[0] if callers else "?"] += weight
        by_stack[cls + "  " + " < ".join(callers[:depth])] += weight
    total = sum(by_class.values()) or 1
    print(f"sampled allocation weight: {total / 1e9:.2f} GB (GB below)")
    table("by class", by_class, total, 12, 1e9)
    table("by allocating frame", by_site, total, n, 1e9)
    table(f"by class and {depth} frames", by_stack, total, n, 1e9)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("cpu", "alloc"):
        sys.exit(__doc__)
    if sys.argv[1] == "cpu":
        cpu(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "", int(sys.argv[4]) if len(sys.argv) > 4 else 25)
    else:
        alloc(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3, int(sys.argv[4]) if len(sys.argv) > 4 else 25)
