#!/usr/bin/env python3
"""Same scenario + seed -> byte-identical results (wall-clock figures kept apart).

usage: check_determinism.py FLEETSIM SCENARIO [ARGS...]
Runs the scenario twice; timeseries.csv, scenario.resolved.json and metrics.om must be
identical byte for byte, and summary.json identical outside its `run` section. A third run with
another seed must differ (so the check can fail).
"""
import json
import os
import subprocess
import sys
import tempfile


def run(fleetsim, scenario, out, args):
    subprocess.run([fleetsim, "run", scenario, "--out", out, "--quiet"] + args, check=True)
    files = {}
    for name in ("summary.json", "timeseries.csv", "scenario.resolved.json", "metrics.om"):
        with open(os.path.join(out, name), "rb") as f:
            files[name] = f.read()
    summary = json.loads(files["summary.json"])
    summary.pop("run")
    files["summary.json"] = json.dumps(summary, sort_keys=False).encode()
    return files


def main():
    fleetsim, scenario, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        a = run(fleetsim, scenario, os.path.join(tmp, "a"), args)
        b = run(fleetsim, scenario, os.path.join(tmp, "b"), args)
        c = run(fleetsim, scenario, os.path.join(tmp, "c"), args + ["--seed", "987654"])
    failed = 0
    for name in a:
        same = a[name] == b[name]
        print(f"{'ok  ' if same else 'FAIL'} {name} identical across two runs")
        failed += not same
    differs = a["timeseries.csv"] != c["timeseries.csv"]
    print(f"{'ok  ' if differs else 'FAIL'} another seed gives another time series")
    failed += not differs
    print(f"{len(a) + 1 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
