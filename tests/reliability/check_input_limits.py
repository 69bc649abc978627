#!/usr/bin/env python3
"""Absurd inputs get a clear error before memory blows up (issue "Reliability and security").

usage: check_input_limits.py FLEETSIM   (from the repository root)
Each case runs `fleetsim validate` and `fleetsim run --out DIR` and expects exit 2, the
exact error line, and no results directory:
- a 2 GiB scenario file and a 2 GiB latency model file (sparse, so the test is cheap):
  refused by size (64 MiB) before being read;
- 100,000 nested '[' (and '{"a":'): refused at depth 64 without recursing further;
- 1e12 clusters, negative and overflowing durations, a horizon of 1e300 seconds;
- 2e9 clusters x 100 syncsets: refused by the memory estimate, located at the value;
- `run --max-memory 10MiB` of the scale scenario: refused, no results.
Also: `fleetsim run` of a scenario estimated above 256 MiB prints the estimate first
(checked with a --max-memory just below it, so nothing large is run).
Prints one line per check and 'N passed, M failed'.
"""
import os
import subprocess
import sys
import tempfile

from checks import check, finish



def fleetsim(exe, args, env=None):
    r = subprocess.run([exe] + args, capture_output=True, text=True, timeout=120, env=env)
    return r.returncode, r.stderr.splitlines()


def refused(exe, name, scenario, expected, tmp, extra=(), env=None):
    """validate and run both exit 2 with `expected` as the last stderr line (run may announce
    its memory estimate before); run writes nothing."""
    for cmd in ("validate", "run"):
        out = os.path.join(tmp, "results-" + name)
        args = [cmd, scenario] + list(extra) + (["--out", out, "--quiet"] if cmd == "run" else [])
        code, lines = fleetsim(exe, args, env)
        last = lines[-1] if lines else ""
        others = [l for l in lines[:-1] if not l.startswith("fleetsim: estimated memory ")]
        check(code == 2 and last == expected and not others,
              f"{name}: {cmd} exits 2 with {expected!r} (got {code}, {lines!r})")
        if cmd == "run":
            check(not os.path.exists(out), f"{name}: run leaves no results directory")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def main():
    exe = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.json")
        with open(big, "wb") as f:
            f.truncate(2 << 30)  # sparse: no disk, no time
        refused(exe, "2 GiB scenario", big, f"{big}:0:0: document larger than 64 MiB", tmp)

        models = os.path.join(tmp, "models")
        os.mkdir(models)
        with open(os.path.join(models, "huge.json"), "wb") as f:
            f.truncate(2 << 30)
        s = write(os.path.join(tmp, "uses-huge-model.json"),
                  '{"api_servers": {"hub": {"latency": "huge"}}}\n')
        refused(exe, "2 GiB model", s,
                f"{os.path.join(models, 'huge.json')}:0:0: document larger than 64 MiB", tmp)

        s = write(os.path.join(tmp, "deep.json"), "[" * 100000)
        refused(exe, "100,000 nested arrays", s, f"{s}:1:65: nesting deeper than 64", tmp)
        s = write(os.path.join(tmp, "deep-objects.json"), '{"a":' * 100000)
        refused(exe, "100,000 nested objects", s, f"{s}:1:321: nesting deeper than 64", tmp)

        cases = [
            ("1e12 clusters", '{"fleet": {"clusters": 1000000000000}}',
             "1:24: fleet.clusters: must be <= 2147483647, got 1000000000000"),
            ("1e12 clusters as a float", '{"fleet": {"clusters": 1e12}}',
             "1:24: fleet.clusters: expected an integer, got 1000000000000.0"),
            ("negative duration", '{"stop": {"horizon": "-5s"}}',
             "1:22: stop.horizon: must be >= 0, got -5s"),
            ("overflowing duration", '{"stop": {"horizon": "99999999999999999999h"}}',
             '1:22: stop.horizon: duration "99999999999999999999h" out of range'),
            ("exponent in a duration", '{"stop": {"horizon": "1e300s"}}',
             '1:22: stop.horizon: unknown unit "e" in duration "1e300s" '
             "(units: ns, us, ms, s, m, h)"),
            ("1e300 seconds", '{"stop": {"horizon": 1e300}}',
             "1:22: stop.horizon: duration 1e+300 s out of range "
             "(at most 9.22337e+09 s, about 292 years)"),
        ]
        for name, text, message in cases:
            s = write(os.path.join(tmp, name.replace(" ", "-") + ".json"), text + "\n")
            refused(exe, name, s, f"{s}:{message}", tmp)

        s = write(os.path.join(tmp, "huge-fleet.json"), """{
  "platform": {"hosts": {"hub": {"cores": 4}}},
  "fleet": {"clusters": 2000000000, "adoption": {"existing": true}},
  "hive": {"selector_syncsets": 100, "start": "restart"},
  "controllers": {"syncset": {"type": "hive-syncset", "host": "hub"},
                  "ssi": {"type": "hive-syncsetinstance", "host": "hub"}}
}
""")
        refused(exe, "2e9 clusters x 100 syncsets", s,
                f"{s}:4:33: hive.selector_syncsets: estimated memory 9.2 TiB exceeds the "
                "limit 1.0 TiB (--max-memory); the largest part is 9.1 TiB for this value",
                tmp, extra=["--max-memory", "1Ti"])

        scale = "scenarios/scale/hive-10k-clusters-100-syncsets.json"
        out = os.path.join(tmp, "scale")
        code, lines = fleetsim(exe, ["run", scale, "--max-memory", "10MiB", "--out", out])
        check(code == 2 and len(lines) == 1 and "exceeds the limit 10.0 MiB (--max-memory)"
              in lines[0], f"run --max-memory 10MiB is refused with exit 2 (got {code}, {lines!r})")
        check(not os.path.exists(out), "run --max-memory 10MiB leaves no results directory")

        # Above 256 MiB the estimate is printed before the run starts; a limit just below the
        # estimate then refuses it, so nothing large runs here.
        args = ["run", scale, "--set", "fleet.clusters=60000", "--max-memory", "300Mi",
                "--out", out]
        code, lines = fleetsim(exe, args)
        check(code == 2 and len(lines) == 2 and lines[0] == "fleetsim: estimated memory 334.8 MiB"
              and "exceeds the limit 300.0 MiB" in lines[1],
              f"a run estimated above 256 MiB prints its estimate first (got {code}, {lines!r})")
        check(not os.path.exists(out), "... and, refused, leaves no results directory")
    finish()


if __name__ == "__main__":
    main()
