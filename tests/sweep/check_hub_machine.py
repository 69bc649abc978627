#!/usr/bin/env python3
"""The shipped sweep scenarios/hive/sweep-hub-machine.json (a parameter of strings: the
environment model, i.e. the hub machine, listed from cheapest) answers with the cheaper
machine and the fewest workers that re-apply 1,000 clusters within 2 h; its figures agree
with theory and with what docs/sweeps.md quotes; search mode (bisection along the string
parameter) gives the grid's answer.
Usage: check_hub_machine.py FLEETSIM

Theory, from models/hive-2020-*.json (reference core-seconds; ClusterSync era, SSA): a
cluster costs client_build 10 ms + 600 x (resource_info 5 ms + ssa_apply 20 ms) = 15.01
core-s. On m4.xlarge (4 cores at speed 1.0, 1.3 taken by other pods and 0.3 by the pod's
other controllers) the pass is CPU-bound with enough workers: 15,010 / 2.4 = 6,254 s. On
c5.24xlarge (speed 1.5, cores to spare) it is worker-bound: each apply holds a worker for
25 ms / 1.5 of CPU plus the spoke PATCH (lognormal median 2.5 ms, p99 12 ms: mean 3.14 ms),
so 8 workers need 600,000 x 19.8 ms / 8 = 1,486 s.
"""
import os
import shutil
import sys

from common import load, run, tmpdir

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reliability"))
from checks import check, finish  # noqa: E402

SWEEP = "scenarios/hive/sweep-hub-machine.json"
EXPECTED = {"environment": "hive-2020-m4xlarge", "controllers.clustersync.workers": 4}
THEORY = {("hive-2020-m4xlarge", 8): 15010 / 2.4, ("hive-2020-c5-24xlarge", 8): 1486}
TOLERANCE = 0.05

exe = sys.argv[1]
t = tmpdir()

out = os.path.join(t, "grid")
run([exe, "sweep", SWEEP, "--out", out, "--quiet"])
g = load(out)
check(g["objective"] == {"minimize": "environment"}, f"objective {g['objective']}")
check(g["answer"] is not None and g["answer"]["parameters"] == EXPECTED,
      f"answer {g['answer'] and g['answer']['parameters']} (expected {EXPECTED}): {g['sentence']}")
check(g["answer"] is not None and g["answer"]["cost"] == 0,
      "the answer's cost is the cheaper machine's position in the list (0)")
by = {(p["parameters"]["environment"], p["parameters"]["controllers.clustersync.workers"]): p
      for p in g["points"]}
for key, theory in THEORY.items():
    got = by[key]["figures"]["systems.hive.first_pass_completed_at_s"]["max"]
    err = got / theory - 1
    check(abs(err) <= TOLERANCE,
          f"{key[0]}, {key[1]} workers: first pass {got:.0f} s, theory {theory:.0f} s "
          f"({err:+.1%}, within ±{TOLERANCE:.0%})")

# docs/sweeps.md quotes this sweep's figures: they must be this run's.
with open("docs/sweeps.md") as f:
    doc = f.read().split("## The shipped sweep: `" + SWEEP + "`", 1)[-1].split("\n## ", 1)[0]
doc = " ".join(doc.split())
answer_key = (EXPECTED["environment"], EXPECTED["controllers.clustersync.workers"])
for key, words in ((answer_key, "first pass {} s at worst"), (("hive-2020-m4xlarge", 8), "({} s)"),
                   (("hive-2020-c5-24xlarge", 8), "workers take {} s"),
                   (("hive-2020-c5-24xlarge", 2), "({} s)")):
    got = by[key]["figures"]["systems.hive.first_pass_completed_at_s"]["max"]
    quoted = words.format(f"{got:,.0f}")
    check(quoted in doc, f"docs/sweeps.md quotes {key[0]}, {key[1]} workers as '{quoted}'")

# Search mode on the same file: bisection along the environment gives the grid's answer.
with open(SWEEP) as f:
    text = f.read().replace('"search": false', '"search": true')
text = text.replace('"base": "', '"base": "' + os.path.abspath("scenarios/hive") + "/")
search_file = os.path.join(t, "search.json")
with open(search_file, "w") as f:
    f.write(text)
run([exe, "sweep", search_file, "--out", os.path.join(t, "search"), "--quiet"])
s = load(os.path.join(t, "search"))
check(s["mode"] != "grid" and s["answer"] == g["answer"],
      f"search ({s['mode']}, {len(s['evaluated'])} points) answers {s['answer']}")
run(["scripts/report", out])
check(os.path.exists(os.path.join(out, "report.html")), "scripts/report renders the sweep")
shutil.rmtree(t)
finish()
