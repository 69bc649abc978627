#!/usr/bin/env python3
"""Bad sweep files: exit 2, nothing written, and the error names FILE:LINE:COL: PATH: the
problem, as the first line of each file says (// expect: TEXT); `fleetsim validate` gives
the same first line (exit 2), and validates every shipped sweep (exit 0, "ok (sweep: ").
Also bad command lines.
Usage: check_bad_sweeps.py FLEETSIM"""
import glob
import os
import shutil
import subprocess
import sys

from common import tmpdir

exe = sys.argv[1]
t = tmpdir()
fails = 0
files = sorted(glob.glob("tests/sweep/bad/*.json"))
validated = 0
for f in files:
    expect = open(f).readline().split("// expect:", 1)[1].strip()
    out = os.path.join(t, os.path.basename(f))
    p = subprocess.run([exe, "sweep", f, "--out", out], capture_output=True, text=True)
    first = p.stderr.splitlines()[0] if p.stderr else ""
    if p.returncode != 2 or not first.startswith("tests/sweep/bad/") or expect not in first:
        print(f"FAIL {f}: exit {p.returncode}, stderr {p.stderr!r}; expected exit 2 and {expect!r}")
        fails += 1
    elif os.path.exists(out):
        print(f"FAIL {f}: wrote {out}")
        fails += 1
    else:
        print(f"ok   {f}: {first}")
    if "looks like a scenario" in expect:
        continue  # a scenario: `validate` checks it as one
    validated += 1
    v = subprocess.run([exe, "validate", f], capture_output=True, text=True)
    vfirst = v.stderr.splitlines()[0] if v.stderr else ""
    if v.returncode != 2 or vfirst != first:
        print(f"FAIL validate {f}: exit {v.returncode}, {vfirst!r}; expected exit 2 and {first!r}")
        fails += 1
    else:
        print(f"ok   validate {f}: the same error")
# A sweep file given to `fleetsim run`: one error naming `fleetsim sweep`, no results.
out = os.path.join(t, "run-of-a-sweep")
r = subprocess.run([exe, "run", "tests/sweep/data/small-grid.json", "--out", out],
                   capture_output=True, text=True)
want = ("tests/sweep/data/small-grid.json:4:3: this is a sweep file (it has \"base\" and "
        "\"parameters\"; docs/sweeps.md), not a scenario: run it with `fleetsim sweep "
        "tests/sweep/data/small-grid.json`")
if r.returncode != 2 or r.stderr.strip() != want or os.path.exists(out):
    print(f"FAIL run of a sweep file: exit {r.returncode}, {r.stderr!r}; expected exit 2, {want!r}")
    fails += 1
else:
    print(f"ok   run of a sweep file: {want}")
good = sorted(glob.glob("scenarios/*/sweep-*.json")) + ["tests/sweep/data/small-grid.json"]
for f in good:
    v = subprocess.run([exe, "validate", f], capture_output=True, text=True)
    if v.returncode != 0 or not v.stdout.startswith(f + ": ok (sweep: "):
        print(f"FAIL validate {f}: exit {v.returncode}, {v.stdout!r} {v.stderr!r}")
        fails += 1
    else:
        print(f"ok   {v.stdout.strip()}")
for args, expect in [
    (["sweep", "tests/sweep/data/small-grid.json"], "missing --out DIR"),
    (["sweep", "tests/sweep/data/small-grid.json", "--out", t + "/x", "--shard", "3/3"], "--shard needs I/N"),
    (["sweep", "tests/sweep/data/small-grid.json", "--out", t + "/x", "--jobs", "0"], "--jobs needs an integer"),
    (["sweep", "emit-job", "tests/sweep/data/small-grid.json"], "missing --shards N"),
    (["sweep", "merge", "--out", t + "/x"], "missing DIR"),
]:
    p = subprocess.run([exe] + args, capture_output=True, text=True)
    if p.returncode != 2 or expect not in p.stderr:
        print(f"FAIL {' '.join(args)}: exit {p.returncode}, {p.stderr!r}")
        fails += 1
    else:
        print(f"ok   {' '.join(args)}: {p.stderr.splitlines()[0]}")
shutil.rmtree(t)
print(f"{len(files) + validated + len(good) + 6 - fails} passed, {fails} failed")
sys.exit(1 if fails else 0)
