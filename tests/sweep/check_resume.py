#!/usr/bin/env python3
"""Resume: a second run of a finished sweep runs nothing; a removed point runs again.
Usage: check_resume.py FLEETSIM"""
import os
import shutil
import sys

from common import run, tmpdir

exe = sys.argv[1]
sweep = "tests/sweep/data/small-grid.json"
t = tmpdir()
out = f"{t}/out"
run([exe, "sweep", sweep, "--out", out])
first = open(f"{out}/sweep.csv").read()
marker = f"{out}/points/p0003/seed-1/summary.json"
mtime = os.stat(marker).st_mtime_ns
p = run([exe, "sweep", sweep, "--out", out])
fails = 0
if " done in " in p.stderr:
    print("FAIL the second run ran points again:\n" + p.stderr)
    fails += 1
elif "(32 runs resumed)" not in p.stdout:
    print("FAIL expected 32 runs resumed:\n" + p.stdout)
    fails += 1
else:
    print("ok   second run: every run resumed, none ran")
if os.stat(marker).st_mtime_ns != mtime:
    print("FAIL a finished point was rewritten")
    fails += 1
shutil.rmtree(f"{out}/points/p0005/seed-2")
p = run([exe, "sweep", sweep, "--out", out])
ran = [l for l in p.stderr.splitlines() if " done in " in l]
if len(ran) != 1 or "p0005 seed 2" not in ran[0]:
    print("FAIL after removing p0005/seed-2, expected exactly it to run, got:\n" + p.stderr)
    fails += 1
else:
    print("ok   a removed run runs again, alone")
if open(f"{out}/sweep.csv").read() != first:
    print("FAIL sweep.csv changed after resume")
    fails += 1
else:
    print("ok   sweep.csv identical after resume")
shutil.rmtree(t)
sys.exit(1 if fails else 0)
