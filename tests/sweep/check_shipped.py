#!/usr/bin/env python3
"""The shipped sweep scenarios/hive/sweep-cores-workers.json finds the expected smallest
(cores, workers), evaluates fewer points than the grid, its report states the answer, and the figures
docs/sweeps.md quotes are these runs'.
Usage: check_shipped.py FLEETSIM"""
import html
import json
import os
import shutil
import sys

from common import load, run, tmpdir

EXPECTED = {"platform.hosts.hub-worker.cores": 3, "controllers.clustersync.workers": 3}

exe = sys.argv[1]
t = tmpdir()
out = os.path.join(t, "sweep")
run([exe, "sweep", "scenarios/hive/sweep-cores-workers.json", "--out", out, "--quiet"])
j = load(out)
fails = 0
if j["answer"] is None or j["answer"]["parameters"] != EXPECTED:
    print(f"FAIL answer {j['answer']}, expected {EXPECTED}")
    fails += 1
else:
    print(f"ok   {j['sentence']}")
if not len(j["evaluated"]) < j["points_total"]:
    print(f"FAIL the search evaluated {len(j['evaluated'])} of {j['points_total']} points")
    fails += 1
else:
    print(f"ok   evaluated {len(j['evaluated'])} of {j['points_total']} points: {j['evaluated']}")
# The full grid (search off) agrees: the cheapest passing point is the same.
with open("scenarios/hive/sweep-cores-workers.json") as f:
    text = f.read()
base = os.path.abspath("scenarios/hive/clustersync-1000-clusters-server-side-c5-24xlarge.json")
text = text.replace('"search": {"batch": 2}', '"search": false').replace(
    '"base": "clustersync-1000-clusters-server-side-c5-24xlarge.json"', json.dumps("base") + ": " + json.dumps(base))
grid_file = os.path.join(t, "grid.json")
with open(grid_file, "w") as f:
    f.write(text)
run([exe, "sweep", grid_file, "--out", os.path.join(t, "grid"), "--quiet"])
g = load(os.path.join(t, "grid"))
if g["mode"] != "grid" or g["answer"] != j["answer"]:
    print(f"FAIL the full grid ({g['mode']}) answers {g['answer']}, the search {j['answer']}")
    fails += 1
else:
    print(f"ok   the full grid ({len(g['evaluated'])} points) gives the same answer")
# docs/sweeps.md quotes this sweep's figures: they must be these runs'.
with open("docs/sweeps.md") as f:
    doc = f.read().split("## The shipped sweep: `scenarios/hive/sweep-cores-workers.json`",
                         1)[-1].split("\n## ", 1)[0]
doc = " ".join(doc.split())
by = {(p["parameters"]["platform.hosts.hub-worker.cores"],
       p["parameters"]["controllers.clustersync.workers"]): p["figures"] for p in g["points"]}
two_cores = [k for k, p in by.items() if k[0] == 2]
quotes = [
    f"ends at {by[(3, 3)]['systems.hive.first_pass_completed_at_s']['max']:,.0f} s at worst",
    f"2 workers reach {by[(3, 2)]['systems.hive.synced_once']['min']:,.0f} of 1,000 clusters",
    f"4 cores × 2 workers ({by[(4, 2)]['systems.hive.first_pass_completed_at_s']['max']:,.0f} s)",
    f"The search runs {len(j['evaluated'])} of the {j['points_total']} points "
    f"({len(j['evaluated']) * len(j['seeds'])} runs",
    f"the full grid ({len(g['evaluated']) * len(g['seeds'])} runs",
]
for quoted in quotes:
    ok = quoted in doc
    print(("ok   " if ok else "FAIL ") + f"docs/sweeps.md quotes '{quoted}'")
    fails += not ok
none = all(by[k]["systems.hive.first_pass_completed_at_s"]["max"] is None for k in two_cores)
ok = none and "With 2 cores no worker count finishes" in doc
print(("ok   " if ok else "FAIL ") + "docs/sweeps.md: with 2 cores no worker count finishes")
fails += not ok
run(["scripts/report", out])
if html.escape(j["sentence"]) not in open(os.path.join(out, "report.html")).read():
    print("FAIL report.html does not state the answer")
    fails += 1
shutil.rmtree(t)
sys.exit(1 if fails else 0)
