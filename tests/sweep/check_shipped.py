#!/usr/bin/env python3
"""The shipped sweep scenarios/hive/sweep-cores-workers.json finds the expected smallest
(cores, workers), evaluates fewer points than the grid, and its report states the answer.
Usage: check_shipped.py FLEETSIM"""
import html
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
run(["scripts/report", out])
if html.escape(j["sentence"]) not in open(os.path.join(out, "report.html")).read():
    print("FAIL report.html does not state the answer")
    fails += 1
shutil.rmtree(t)
sys.exit(1 if fails else 0)
