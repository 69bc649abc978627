#!/usr/bin/env python3
"""Crash-safe results (issue "Reliability and security").

usage: check_crash_safety.py FLEETSIM
- kill -9 in the middle of a run leaves no results directory (at most a DIR.tmp-PID one),
  so nothing that looks complete;
- SIGINT and SIGTERM in the middle of a run stop it cleanly: exit 0, and the results
  directory holds summary.json with "complete": false, stop_reason "interrupted" and the
  virtual time reached (> 0 and short of the scenario's end).
The run is the 1M-SSI scale scenario (several seconds); signals come after 1.5 s.
Prints one line per check and 'N passed, M failed'.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from checks import check, finish

SCENARIO = "scenarios/scale/hive-10k-clusters-100-syncsets.json"


def start(fleetsim, out):
    return subprocess.Popen([fleetsim, "run", SCENARIO, "--out", out, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def main():
    fleetsim = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "killed")
        p = start(fleetsim, out)
        time.sleep(1.5)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
        left = sorted(os.listdir(tmp))
        check(not os.path.exists(out),
              f"kill -9 leaves no results directory (left: {left})")
        check(all(".tmp-" in name for name in left),
              "kill -9 leaves at most a .tmp- directory")
        for sig in (signal.SIGINT, signal.SIGTERM):
            out = os.path.join(tmp, sig.name)
            p = start(fleetsim, out)
            time.sleep(1.5)
            p.send_signal(sig)
            code = p.wait(timeout=60)
            check(code == 0, f"{sig.name}: clean exit (code {code})")
            path = os.path.join(out, "summary.json")
            if not os.path.exists(path):
                check(False, f"{sig.name}: partial results written")
                continue
            s = json.load(open(path))
            check(s["complete"] is False and s["stop_reason"] == "interrupted",
                  f"{sig.name}: summary says complete=false, interrupted "
                  f"({s['complete']}, {s['stop_reason']})")
            check(0 < s["virtual_seconds"] < 49999,
                  f"{sig.name}: virtual time reached {s['virtual_seconds']} s "
                  "(> 0, short of the end)")
    finish()


if __name__ == "__main__":
    main()
