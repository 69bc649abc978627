#!/usr/bin/env python3
"""The summary printed after a run names the results directory and every file in it.

usage: check_results_listing.py FLEETSIM SCENARIO
Runs the scenario without --quiet, reads the last 'results: DIR/ (a, b, ...)' line of
stdout (the line scripts/run parses), and checks that DIR is the --out directory and
that the files listed are exactly the files the run wrote there.
Prints one line per check and 'N passed, M failed'.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reliability"))
from checks import check, finish  # noqa: E402


def main():
    fleetsim, scenario = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "run")
        p = subprocess.run([fleetsim, "run", scenario, "--out", out],
                           capture_output=True, text=True, check=True)
        lines = [m for m in re.finditer(r"^results: (.*)/ \((.*)\)$", p.stdout, re.M)]
        check(len(lines) == 1, f"one 'results:' line in the summary ({len(lines)})")
        if not lines:
            finish()
        listed = sorted(name.strip() for name in lines[-1].group(2).split(","))
        written = sorted(os.listdir(out))
        check(os.path.realpath(lines[-1].group(1)) == os.path.realpath(out),
              f"the line names the --out directory ({lines[-1].group(1)})")
        check(listed == written,
              f"the files listed are the files written (listed {listed}, written {written})")
    finish()


if __name__ == "__main__":
    main()
