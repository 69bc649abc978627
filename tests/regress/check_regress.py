#!/usr/bin/env python3
"""fleetsim regress in a scratch tree: baselines are created with --update, an unchanged
scenario passes, a deliberate slowdown (the scenario's controller cut to one worker) fails
with a readable table and valid JUnit, --update records the reason, a baseline's
tolerances.json is honoured and kept, --require-exact fails a baseline that cannot be
compared exactly, and bad input exits 2 writing nothing.

usage: check_regress.py FLEETSIM
Prints one line per check and 'N passed, M failed'.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from junit_check import failing_names, junit_problems  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok or not detail else f"\n     {detail}"))


def main():
    fleetsim = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(os.path.join(ROOT, "models"), os.path.join(tmp, "models"))
        os.mkdir(os.path.join(tmp, "scen"))
        scen = os.path.join(tmp, "scen", "fleet-sync.json")
        shutil.copy(os.path.join(ROOT, "scenarios", "examples", "fleet-sync.json"), scen)
        with open(scen) as f:
            original = f.read()
        base_dir = os.path.join(tmp, "results", "baselines", "scen", "fleet-sync")
        record = os.path.join(base_dir, "baseline.json")

        def regress(*args):
            return subprocess.run([fleetsim, "regress", *args], cwd=tmp, capture_output=True,
                                  text=True)

        def write_scenario(text):
            with open(scen, "w") as f:
                f.write(text)

        r = regress()
        check("no baselines yet: exit 2", r.returncode == 2 and
              "results/baselines: no such baselines directory" in r.stderr, r.stderr)
        r = regress("--update", "scen/fleet-sync.json")
        check("--update without --reason: exit 2", r.returncode == 2 and
              "--update needs --reason TEXT" in r.stderr, r.stderr)

        r = regress("--update", "--reason", "first baseline", "scen/fleet-sync.json")
        check("--update creates the baseline", r.returncode == 0 and os.path.exists(record),
              r.stdout + r.stderr)
        if not os.path.exists(record):
            print(f"{len(results) - results.count(False)} passed, {results.count(False)} failed")
            return 1
        with open(record) as f:
            rec = json.load(f)
        with open(os.path.join(base_dir, "summary.json")) as f:
            version = json.load(f)["fleetsim_version"]
        check("baseline.json records scenario, seed, version and reason",
              rec == {"scenario": "scen/fleet-sync.json", "seed": 7,
                      "fleetsim_version": version, "reason": "first baseline"}, str(rec))
        check("baseline holds the results of fleetsim run",
              all(os.path.exists(os.path.join(base_dir, f))
                  for f in ("summary.json", "timeseries.csv", "scenario.resolved.json")))

        r = regress()
        check("unchanged: exit 0, exact", r.returncode == 0 and "Comparison: exact (" in r.stdout
              and r.stdout.endswith("1 passed, 0 failed\n"), r.stdout + r.stderr)
        check("current results under results/regress/",
              os.path.exists(os.path.join(tmp, "results", "regress", "scen", "fleet-sync",
                                          "summary.json")))

        # A deliberate slowdown.
        write_scenario(original.replace('"workers": 5', '"workers": 1'))
        j, md = os.path.join(tmp, "junit.xml"), os.path.join(tmp, "report.md")
        r = regress("--junit", j, "--markdown", md)
        check("slowdown: exit 1", r.returncode == 1, r.stdout + r.stderr)
        check("slowdown: readable table",
              "### ❌ scen/fleet-sync.json: " in r.stdout and
              "| figure | baseline | current | change | verdict |" in r.stdout and
              "| `controllers.cluster-sync.queue_drained_at_s` |" in r.stdout and
              r.stdout.endswith("0 passed, 1 failed\n"), r.stdout)
        root, problems = junit_problems(j)
        check("slowdown: junit valid", not problems, "; ".join(problems))
        if root is not None:
            suites = root.findall("testsuite")
            check("slowdown: junit suite per scenario with failures",
                  [s.get("name") for s in suites] == ["scen/fleet-sync.json"] and
                  "controllers.cluster-sync.queue_drained_at_s" in failing_names(root))
        with open(md) as f:
            report = f.read()
        check("slowdown: Markdown report", report.startswith("## fleetsim regress\n") and
              "<details>" in report and report.endswith("0 passed, 1 failed\n"), report[-200:])

        # A baseline's tolerances.json is honoured.
        tol = os.path.join(base_dir, "tolerances.json")
        with open(tol, "w") as f:
            f.write('{"figures": {"controllers.*.queue_*": {"direction": "ignore"},'
                    ' "controllers.*.queue_*.*": {"direction": "ignore"}}}')
        r = regress()
        check("tolerances.json of the baseline waives the queue figures: exit 0",
              r.returncode == 0, r.stdout + r.stderr)
        r = regress("--require-exact", "--junit", j + ".exact")
        check("--require-exact: a baseline of another resolved scenario fails (exit 1, why)",
              r.returncode == 1 and "**❌ --require-exact: the comparison is not exact (scenario "
              "changed: controllers.cluster-sync.workers (5 -> 1)); refresh the baseline" in r.stdout
              and r.stdout.endswith("0 passed, 1 failed\n"), r.stdout + r.stderr)
        root, problems = junit_problems(j + ".exact")
        check("--require-exact: junit valid, failure 'exact comparison'",
              not problems and root is not None and "exact comparison" in failing_names(root),
              "; ".join(problems))
        r = regress("--update", "--reason", "x", "--require-exact")
        check("--update --require-exact: exit 2", r.returncode == 2 and
              "--require-exact judges comparisons; --update writes baselines" in r.stderr, r.stderr)
        with open(tol, "w") as f:
            f.write('{"figures": {"x": {"direction": "slower"}}}')
        r = regress("--junit", j + ".2")
        check("bad tolerances.json: exit 2 before running, no report",
              r.returncode == 2 and f'tolerances.json: figures."x".direction: must be one of'
              in r.stderr and "regress: running" not in r.stderr and
              not os.path.exists(j + ".2"), r.stderr)
        with open(tol, "w") as f:
            f.write('{"rel": 0.05}')

        # --update records the new behaviour and the reason; tolerances.json stays.
        r = regress("--update", "--reason", "one worker on purpose")
        check("--update rewrites the baseline", r.returncode == 0 and
              "updated 1 baseline" in r.stdout and "old baseline -> new" in r.stdout,
              r.stdout + r.stderr)
        with open(record) as f:
            rec = json.load(f)
        check("--update records the reason", rec.get("reason") == "one worker on purpose")
        check("--update keeps tolerances.json", os.path.exists(tol))
        r = regress("--require-exact")
        check("after --update: exit 0, exact (--require-exact)", r.returncode == 0 and
              "Comparison: exact (" in r.stdout, r.stdout + r.stderr)

        # Bad input.
        write_scenario(original.replace('"workers": 5', '"workers": "many"'))
        with open(os.path.join(base_dir, "summary.json")) as f:
            before = f.read()
        r = regress("--update", "--reason", "broken")
        with open(os.path.join(base_dir, "summary.json")) as f:
            after = f.read()
        check("--update of an invalid scenario: exit 2, baseline untouched",
              r.returncode == 2 and "no baseline written" in r.stderr and before == after,
              r.stderr)
        r = regress("--junit", j + ".3")
        check("invalid scenario: exit 2, no report", r.returncode == 2 and
              "fleetsim run exited 2 (bad input)" in r.stderr and not os.path.exists(j + ".3"),
              r.stderr)
        write_scenario(original)
        r = regress("scenarios/nope.json")
        check("unknown scenario: exit 2", r.returncode == 2 and
              "no such scenario file scenarios/nope.json" in r.stderr, r.stderr)
        other = os.path.join(tmp, "scen", "other.json")
        shutil.copy(scen, other)
        r = regress("scen/other.json")
        check("scenario without baseline: exit 2", r.returncode == 2 and
              "no baseline for scen/other.json in results/baselines/scen/other" in r.stderr,
              r.stderr)
        with open(record, "w") as f:
            json.dump({"scenario": "scen/fleet-sync.json", "seed": "seven",
                       "fleetsim_version": version, "reason": "x"}, f)
        r = regress()
        check("bad baseline.json: exit 2, precise", r.returncode == 2 and
              'results/baselines/scen/fleet-sync/baseline.json: seed: must be a non-negative '
              'integer, got "seven"' in r.stderr, r.stderr)
        with open(record, "w") as f:
            json.dump({"scenario": "scen/gone.json", "seed": 7, "fleetsim_version": version,
                       "reason": "x"}, f)
        r = regress()
        check("baseline of a deleted scenario: exit 2", r.returncode == 2 and
              "baseline.json: scenario: no such scenario file scen/gone.json" in r.stderr,
              r.stderr)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
