#!/usr/bin/env python3
"""Sharded runs merged equal the single-machine run (byte-equal sweep.csv after sorting),
and the same answer. Usage: check_shard_merge.py FLEETSIM"""
import os
import shutil
import sys

from common import load, run, tmpdir

exe = sys.argv[1]
sweep = "tests/sweep/data/small-grid.json"
t = tmpdir()
run([exe, "sweep", sweep, "--out", f"{t}/single", "--quiet"])
for i in range(3):
    run([exe, "sweep", sweep, "--out", f"{t}/shard-{i}", "--shard", f"{i}/3", "--jobs", "1", "--quiet"])
run([exe, "sweep", "merge", f"{t}/shard-0", f"{t}/shard-1", f"{t}/shard-2", "--out", f"{t}/merged"])
fails = 0


def sorted_lines(p):
    with open(p) as f:
        lines = f.read().splitlines()
    return [lines[0]] + sorted(lines[1:])


a, b = sorted_lines(f"{t}/single/sweep.csv"), sorted_lines(f"{t}/merged/sweep.csv")
if a != b:
    print("FAIL merged sweep.csv differs from the single-machine run")
    fails += 1
else:
    print(f"ok   merged sweep.csv == single sweep.csv ({len(a) - 1} rows)")
s, m = load(f"{t}/single"), load(f"{t}/merged")
for k in ("answer", "sentence", "points"):
    if s[k] != m[k]:
        print(f"FAIL sweep.json {k}: single {s[k]!r} != merged {m[k]!r}")
        fails += 1
    else:
        print(f"ok   sweep.json {k} equal")
shard = load(f"{t}/shard-0")
if shard["answer"] is not None and len(shard["evaluated"]) < shard["points_total"]:
    print("ok   (shard 0 alone happens to know its answer)")
# Determinism: the same sweep again, from scratch, gives the same bytes.
run([exe, "sweep", sweep, "--out", f"{t}/again", "--quiet", "--jobs", "1"])
for f in ("sweep.csv",):
    if open(f"{t}/single/{f}").read() != open(f"{t}/again/{f}").read():
        print(f"FAIL {f} differs between two runs")
        fails += 1
j1, j2 = load(f"{t}/single"), load(f"{t}/again")
j1.pop("run", None)
j2.pop("run", None)
if j1 != j2:
    print("FAIL sweep.json (outside run) differs between two runs")
    fails += 1
else:
    print("ok   two runs: identical sweep.csv and sweep.json (outside run)")
shutil.rmtree(t)
sys.exit(1 if fails else 0)
