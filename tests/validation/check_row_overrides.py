#!/usr/bin/env python3
"""Hive 2020 rows: `--set controllers.syncsetinstance.workers=N` works on each, and the rows
differ only in what the experiment changed (issue 3).

usage: check_row_overrides.py FLEETSIM   (run from the repository root)
- For each of rows A-D, runs the row as written and with the SSI workers set to another
  count: the override reaches the resolved scenario and the summary, and changes the run
  (the SSI reconcile figures of the two runs differ).
- Row D with 5 SSI workers is row C, and row B on the c5.24xlarge model
  (`--set environment=hive-2020-c5-24xlarge`) is row C: the time series are identical byte
  for byte and the summaries identical outside `run` and the scenario's name.
Prints one line per check and 'N passed, M failed'.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reliability"))
from checks import check, finish  # noqa: E402

# Row scenario -> the worker count to set instead of its own (5 for A-C, 100 for D).
ROWS = {
    "A": ("scenarios/hive/ssi-2020-A-client-side-5-workers-m4xlarge.json", 3),
    "B": ("scenarios/hive/ssi-2020-B-server-side-5-workers-m4xlarge.json", 2),
    "C": ("scenarios/hive/ssi-2020-C-server-side-5-workers-c5-24xlarge.json", 10),
    "D": ("scenarios/hive/ssi-2020-D-server-side-100-workers-c5-24xlarge.json", 5),
}


def run(fleetsim, scenario, out, args):
    subprocess.run([fleetsim, "run", scenario, "--out", out, "--quiet"] + args, check=True)
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    with open(os.path.join(out, "scenario.resolved.json")) as f:
        resolved = json.load(f)
    return summary, resolved


def figures(summary):
    c = summary["controllers"]["syncsetinstance"]
    return (c["reconciles_total"], c["reconcile_rate_per_s"]["mean"],
            c["queue_depth"]["peak"], summary["virtual_seconds"])


def outcome(out):
    """A run's results without what names the scenario file or the wall clock."""
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    summary.pop("run")
    summary.pop("scenario")
    with open(os.path.join(out, "timeseries.csv"), "rb") as f:
        return summary, f.read()


# (row, --set that turns it into row C, what the experiment changed between them)
TO_C = [("D", "controllers.syncsetinstance.workers=5", "workers"),
        ("B", "environment=hive-2020-c5-24xlarge", "hub machine")]


def main():
    fleetsim = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        for row, (scenario, workers) in ROWS.items():
            base, _ = run(fleetsim, scenario, os.path.join(tmp, row), [])
            args = ["--set", f"controllers.syncsetinstance.workers={workers}"]
            over, resolved = run(fleetsim, scenario, os.path.join(tmp, row + "-set"), args)
            got = resolved["controllers"]["syncsetinstance"]["workers"]
            check(got == workers, f"{row}: resolved scenario has {workers} workers ({got})")
            got = over["controllers"]["syncsetinstance"]["workers"]
            check(got == workers, f"{row}: summary reports {workers} workers ({got})")
            check(figures(over) != figures(base),
                  f"{row}: {workers} workers change the SSI figures "
                  f"(reconciles, rate/s, queue peak, virtual s: {figures(base)} -> "
                  f"{figures(over)})")
        c = outcome(os.path.join(tmp, "C"))
        for row, setting, what in TO_C:
            out = os.path.join(tmp, row + "-as-C")
            run(fleetsim, ROWS[row][0], out, ["--set", setting])
            summary, series = outcome(out)
            check(series == c[1], f"{row} with --set {setting} ({what}): row C's time series")
            check(summary == c[0], f"{row} with --set {setting} ({what}): row C's summary")
    finish()


if __name__ == "__main__":
    main()
