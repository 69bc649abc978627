#!/usr/bin/env python3
"""Runs one scenario and checks its summary figures against an expectation file.

usage: check_figures.py FLEETSIM EXPECTATION.json

An expectation file names the scenario, extra arguments, and figures by dotted path in
summary.json, each with how it is checked:
  {"equals": V}                 exact (deterministic counts)
  {"approx": V, "rel": R}       |got - V| <= R * |V|
  {"between": [LO, HI]}         LO <= got <= HI
Every expected value must say where it comes from ("why"): theory, or a reference.
Prints one line per figure and a closing 'N passed, M failed' line.
"""
import json
import os
import subprocess
import sys
import tempfile


def lookup(summary, path):
    node = summary
    for part in path.split("."):
        node = node[part]
    return node


def check(got, rule):
    if "equals" in rule:
        return got == rule["equals"], f"== {rule['equals']}"
    if "approx" in rule:
        v, r = rule["approx"], rule["rel"]
        return abs(got - v) <= r * abs(v), f"{v} ± {r:.0%}"
    lo, hi = rule["between"]
    return lo <= got <= hi, f"in [{lo}, {hi}]"


def main():
    fleetsim, expectation = sys.argv[1], sys.argv[2]
    spec = json.load(open(expectation))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        cmd = [fleetsim, "run", spec["scenario"], "--out", out, "--quiet"] + spec.get("args", [])
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"FAIL run: exit {proc.returncode}\n{proc.stderr}")
            print("0 passed, 1 failed")
            return 1
        summary = json.load(open(os.path.join(out, "summary.json")))
    passed = failed = 0
    for path, rule in spec["figures"].items():
        try:
            got = lookup(summary, path)
            ok, want = check(got, rule)
        except (KeyError, TypeError) as e:
            ok, want, got = False, "present", f"missing ({e})"
        print(f"{'ok  ' if ok else 'FAIL'} {path} = {got} (want {want}; {rule.get('why', '')})")
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
