#!/usr/bin/env python3
"""fleetsim compare on real runs of scenarios/examples/fleet-sync.json.

usage: check_compare.py FLEETSIM
An unchanged run passes (exact comparison); a deliberate slowdown (one worker instead of
five) fails with a readable Markdown table and JUnit XML (parsed with xml.etree: one
testcase per figure, a failure per regression); the reverse is an improvement; a
tolerances file can waive figures; bad input exits 2 with a precise message and writes
no report. Prints one line per check and 'N passed, M failed'.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from junit_check import failing_names, junit_problems  # noqa: E402

SCENARIO = "scenarios/examples/fleet-sync.json"
SLOWDOWN = ["--set", "controllers.cluster-sync.workers=1"]
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok or not detail else f"\n     {detail}"))


def run(fleetsim, out, args=()):
    subprocess.run([fleetsim, "run", SCENARIO, "--out", out, "--quiet", *args], check=True)


def compare(fleetsim, *args):
    return subprocess.run([fleetsim, "compare", *args], capture_output=True, text=True)


def leaves(node, path=""):
    if isinstance(node, dict):
        out = []
        for k, v in node.items():
            out += leaves(v, f"{path}.{k}" if path else k)
        return out
    return [path]


def main():
    fleetsim = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        base, same, slow = (os.path.join(tmp, d) for d in ("base", "same", "slow"))
        run(fleetsim, base)
        run(fleetsim, same)
        run(fleetsim, slow, SLOWDOWN)
        with open(os.path.join(base, "summary.json")) as f:
            figures = leaves(json.load(f))
        j, md = os.path.join(tmp, "junit.xml"), os.path.join(tmp, "report.md")

        # An unchanged tree passes, compared exactly.
        r = compare(fleetsim, base, same, "--junit", j, "--markdown", md)
        check("unchanged run: exit 0", r.returncode == 0, r.stdout + r.stderr)
        check("unchanged run: exact comparison", "Comparison: exact (" in r.stdout, r.stdout)
        root, problems = junit_problems(j)
        check("unchanged run: junit valid", not problems, "; ".join(problems))
        if root is not None:
            names = [c.get("name") for c in root.iter("testcase")]
            check("unchanged run: one testcase per figure", names == figures,
                  f"{len(names)} testcases, {len(figures)} figures")
            check("unchanged run: no failure, run.* skipped",
                  root.get("failures") == "0" and
                  root.get("skipped") == str(sum(f.startswith("run.") for f in figures) + 3))

        # A deliberate slowdown fails, with a readable table and junit failures.
        os.remove(j)
        r = compare(fleetsim, base, slow, "--junit", j, "--markdown", md)
        check("slowdown: exit 1", r.returncode == 1, r.stdout + r.stderr)
        check("slowdown: relative comparison naming the change",
              "scenario changed: controllers.cluster-sync.workers (5 -> 1)" in r.stdout, r.stdout)
        check("slowdown: Markdown table header",
              "| figure | baseline | current | change | verdict |" in r.stdout)
        drained = [l for l in r.stdout.splitlines()
                   if l.startswith("| `controllers.cluster-sync.queue_drained_at_s` |")]
        check("slowdown: drain time row regressed",
              len(drained) == 1 and "❌ regressed (lower is better)" in drained[0], r.stdout)
        root, problems = junit_problems(j)
        check("slowdown: junit valid", not problems, "; ".join(problems))
        if root is not None:
            failing = failing_names(root)
            check("slowdown: junit fails the drain time and the queue waits",
                  "controllers.cluster-sync.queue_drained_at_s" in failing and
                  "controllers.cluster-sync.queue_wait_seconds.mean" in failing, str(failing))
            regressed_rows = [l for l in r.stdout.splitlines() if "❌ regressed" in l]
            check("slowdown: one junit failure per regressed row",
                  len(failing) == len(regressed_rows), f"{failing} vs {regressed_rows}")
            check("slowdown: workers change is informative, not a failure",
                  "controllers.cluster-sync.workers" not in failing)
        with open(md) as f:
            report = f.read()
        check("slowdown: Markdown file has the table and every figure",
              report.startswith("### ❌ fleet-sync: ") and
              f"<details><summary>All {len(figures)} figures</summary>" in report, report[:300])

        # The reverse is an improvement.
        r = compare(fleetsim, slow, base)
        check("speed-up: exit 0 with improvements",
              r.returncode == 0 and "✅ improved (lower is better)" in r.stdout, r.stdout)

        # A tolerances file can waive what the slowdown moved.
        tol = os.path.join(tmp, "tol.json")
        with open(tol, "w") as f:
            f.write('// queue figures are not our business\n{"figures": {'
                    '"controllers.*.queue_*": {"direction": "ignore"},'
                    '"controllers.*.queue_*.*": {"direction": "ignore"}}}')
        r = compare(fleetsim, base, slow, "--tolerances", tol)
        check("tolerances file waives the queue figures: exit 0", r.returncode == 0,
              r.stdout + r.stderr)
        r = compare(fleetsim, base, slow, "--tolerances", tol, "--require-exact")
        check("--require-exact: a relative comparison fails even when nothing regressed",
              r.returncode == 1 and "**❌ --require-exact: the comparison is not exact (scenario "
              "changed: controllers.cluster-sync.workers (5 -> 1))" in r.stdout, r.stdout)
        r = compare(fleetsim, base, same, "--require-exact")
        check("--require-exact: an exact comparison passes", r.returncode == 0, r.stdout)
        with open(tol, "w") as f:
            f.write('{"figures": {"controlers.**": {"rel": 1}}}')
        r = compare(fleetsim, base, same, "--tolerances", tol)
        check("tolerances pattern matching nothing: warning",
              r.returncode == 0 and
              'warning: tolerances pattern "controlers.**" matches no figure' in r.stderr,
              r.stderr)

        # Bad input: exit 2, a precise message, no report written.
        empty = os.path.join(tmp, "empty")
        os.mkdir(empty)
        bad_tol = os.path.join(tmp, "bad.json")
        cases = [
            ([os.path.join(tmp, "nope"), same],
             f"{tmp}/nope: no such directory (baseline results)"),
            ([base, empty], f"{empty}/summary.json: missing (the key figures of a results "
                            "directory written by fleetsim run)"),
            ([base, same, "--tolerances", os.path.join(tmp, "none.json")],
             f"{tmp}/none.json: no such tolerances file"),
            ([base, same, "--tolerances", bad_tol, "#", '{"rel": 0.1,}'],
             f"{bad_tol}: not valid JSON: parse error at line 1, column 13"),
            ([base, same, "--tolerances", bad_tol, "#", '{"relative": 0.1}'],
             f'{bad_tol}: unknown key "relative" (expected rel, abs, figures)'),
            ([base, same, "--tolerances", bad_tol, "#",
              '{"figures": {"applies.seconds.*": {"direction": "faster"}}}'],
             f'{bad_tol}: figures."applies.seconds.*".direction: must be one of'),
            ([base, same, "--rel", "5%"],
             'fleetsim compare: --rel needs a number >= 0 (a fraction: 0.05 is 5 %), got "5%"'),
            ([base, same, "--rel", "-1"], "--rel needs a number >= 0"),
            ([base, same, "--rel", "0.1", "--tolerances", tol],
             "--rel and --tolerances exclude each other"),
            ([base], "fleetsim compare: missing CURRENT"),
            ([base, same, "--junit", os.path.join(tmp, "no", "dir", "j.xml")],
             f"{tmp}/no/dir/j.xml: cannot write: no such directory {tmp}/no/dir"),
        ]
        for args, message in cases:
            if "#" in args:
                i = args.index("#")
                with open(bad_tol, "w") as f:
                    f.write(args[i + 1])
                args = args[:i]
            j2, md2 = os.path.join(tmp, "bad-junit.xml"), os.path.join(tmp, "bad-report.md")
            extra = [] if "--junit" in args else ["--junit", j2]
            r = compare(fleetsim, *args, *extra, "--markdown", md2)
            check(f"bad input {' '.join(a.replace(tmp, 'TMP') for a in args)}: exit 2, "
                  "message, no report",
                  r.returncode == 2 and message in r.stderr and not os.path.exists(j2)
                  and not os.path.exists(md2) and r.stdout == "",
                  f"exit {r.returncode}; stderr: {r.stderr!r}")
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
