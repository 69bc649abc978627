"""Shared by the effect tests (tests/serving, tests/cluster): run a scenario into a
temporary directory and read its summary; print the checks and return the exit code."""
import json
import os
import subprocess


def run_summary(fleetsim, out, scenario, *sets):
    args = [fleetsim, "run", scenario, "--out", out, "--quiet"]
    for s in sets:
        args += ["--set", s]
    subprocess.run(args, check=True)
    return json.load(open(os.path.join(out, "summary.json")))


def report(checks):
    """checks: (name, ok, got, reference) tuples. Prints one line each and a total."""
    passed = failed = 0
    for name, ok, got, ref in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got} vs {ref}")
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1
