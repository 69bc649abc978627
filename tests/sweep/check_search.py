#!/usr/bin/env python3
"""Search mode finds the same answer as the full grid on a small monotone case, with fewer
points: best-first pruning by cost, and bisection of one parameter (objective minimize).
Usage: check_search.py FLEETSIM"""
import os
import shutil
import sys

from common import load, run, tmpdir, variant

exe = sys.argv[1]
src = "tests/sweep/data/small-grid.json"
t = tmpdir()
fails = 0
cases = [
    ("cost", {"objective": {"cost": "cores * 0.1 + workers * 0.001"}}),
    ("bisect", {"objective": {"minimize": "workers"}}),
    ("bisect-batch3", {"objective": {"minimize": "workers"}, "search": {"batch": 3}}),
]
for name, changes in cases:
    grid = variant(src, t, f"{name}-grid.json", **dict(changes, search=False))
    changes = dict(changes)
    changes.setdefault("search", True)
    srch = variant(src, t, f"{name}-search.json", **changes)
    run([exe, "sweep", grid, "--out", f"{t}/{name}-grid", "--quiet"])
    run([exe, "sweep", srch, "--out", f"{t}/{name}-search", "--quiet"])
    g, s = load(f"{t}/{name}-grid"), load(f"{t}/{name}-search")
    if g["answer"] is None:
        print(f"FAIL {name}: the grid has no answer (test case broken)")
        fails += 1
        continue
    if g["answer"] != s["answer"]:
        print(f"FAIL {name}: search answer {s['answer']} != grid answer {g['answer']}")
        fails += 1
    elif len(s["evaluated"]) >= len(g["evaluated"]):
        print(f"FAIL {name}: search evaluated {len(s['evaluated'])} points, the grid {len(g['evaluated'])}")
        fails += 1
    else:
        print(f"ok   {name}: answer {s['answer']['point']} {s['answer']['parameters']} "
              f"from {len(s['evaluated'])} of {len(g['evaluated'])} points ({s['evaluated']})")
    # Every point the search inferred agrees with the grid.
    gv = {p["point"]: p["constraint_holds"] for p in g["points"]}
    for p in s["points"]:
        if p["constraint_holds"] is not None and p["constraint_holds"] != gv[p["point"]]:
            print(f"FAIL {name}: {p['point']} search says {p['constraint_holds']}, grid {gv[p['point']]}")
            fails += 1
shutil.rmtree(t)
sys.exit(1 if fails else 0)
