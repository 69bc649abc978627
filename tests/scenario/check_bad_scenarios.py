#!/usr/bin/env python3
"""Bad input must be rejected precisely: exit code 2, the exact diagnostics, no results.

Usage: check_bad_scenarios.py FLEETSIM   (run from the repository root)

Every tests/scenario/bad/*.json starts with one or more `// expect: LINE` comments: the
exact stderr lines of `fleetsim validate FILE` and of `fleetsim run FILE --out DIR --quiet`,
in order. Both must exit 2, and `run` must not create DIR (no partial results).

tests/scenario/bad_sets.txt holds --set cases, one per line:
SCENARIO<TAB>--set ARG<TAB>EXPECTED, where EXPECTED is the one stderr line of
`fleetsim validate SCENARIO --set ARG` (exit 2, and `run` fails the same way without
results), or `ok` when the scenario must validate (exit 0). Blank lines and lines starting
with # are ignored.

Prints `ok   NAME` or `FAIL NAME: ...` per case, then `N passed, M failed`; exits 1 if any
case failed.
"""
import glob
import os
import subprocess
import sys
import tempfile

BAD_DIR = "tests/scenario/bad"
SETS_FILE = "tests/scenario/bad_sets.txt"
EXPECT = "// expect: "


def expectations(path):
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.startswith(EXPECT):
                break
            lines.append(line[len(EXPECT):])
    return lines


def fleetsim(args, env):
    r = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    return r.returncode, r.stderr.splitlines()


def check_rejected(exe, scenario, extra, expected, tmp, env):
    """Problems (empty if none) of validate and run on input that must be rejected."""
    problems = []
    code, lines = fleetsim([exe, "validate", scenario] + extra, env)
    if code != 2 or lines != expected:
        problems.append(f"validate: expected exit 2 and {expected!r}, got exit {code} and {lines!r}")
    out = os.path.join(tmp, "x")
    code, lines = fleetsim([exe, "run", scenario] + extra + ["--out", out, "--quiet"], env)
    if code != 2 or lines != expected:
        problems.append(f"run: expected exit 2 and {expected!r}, got exit {code} and {lines!r}")
    leftovers = sorted(os.listdir(tmp))
    if leftovers:
        problems.append(f"run: expected no results, got {leftovers!r} in the output directory's parent")
        for name in leftovers:
            subprocess.run(["rm", "-rf", os.path.join(tmp, name)], check=True)
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_bad_scenarios.py FLEETSIM")
    exe = os.path.abspath(sys.argv[1])
    env = dict(os.environ)
    env.pop("FLEETSIM_MODELS", None)  # models/ must be found next to the scenarios
    passed = failed = 0

    def report(name, problems):
        nonlocal passed, failed
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            passed += 1
            print(f"ok   {name}")

    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(glob.glob(os.path.join(BAD_DIR, "*.json")))
        if len(files) < 20:
            report(BAD_DIR, [f"expected at least 20 bad scenarios, got {len(files)}"])
        for path in files:
            expected = expectations(path)
            if not expected:
                report(path, [f"expected a first line `{EXPECT}...`, got none"])
                continue
            report(path, check_rejected(exe, path, [], expected, tmp, env))

        with open(SETS_FILE, encoding="utf-8") as f:
            cases = [line.rstrip("\n") for line in f]
        for number, line in enumerate(cases, 1):
            if not line.strip() or line.startswith("#"):
                continue
            name = f"{SETS_FILE}:{number}"
            fields = line.split("\t")
            if len(fields) != 3 or not fields[1].startswith("--set "):
                report(name, [f"expected SCENARIO<TAB>--set ARG<TAB>EXPECTED, got {line!r}"])
                continue
            scenario, arg, expected = fields[0], fields[1][len("--set "):], fields[2]
            name += f" (--set {arg})"
            if expected == "ok":
                code, lines = fleetsim([exe, "validate", scenario, "--set", arg], env)
                ok = code == 0 and not lines
                report(name, [] if ok else [f"expected exit 0, got exit {code} and {lines!r}"])
            else:
                report(name, check_rejected(exe, scenario, ["--set", arg], [expected], tmp, env))

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
