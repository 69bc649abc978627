#!/usr/bin/env python3
"""The memory estimate is close to the peak RSS a run reaches (issue "Reliability").

usage: check_memory_estimate.py FLEETSIM   (from the repository root)
For scenarios from 35 MB to ~190 MB peak: the estimate printed by `fleetsim validate`
(same --set arguments) must lie within 0.75x-1.33x of the peak RSS of `fleetsim run`,
measured from the child's rusage (ru_maxrss, not a timing). The per-object costs of
sim/scenario/MemoryEstimate.cpp were fitted on some of these runs (marked "fit"); the
others are held out. Not registered in the sanitizer build (ASan's shadow memory and
quarantine change RSS by design). Prints one line per scenario and 'N passed, M failed'.
"""
import os
import re
import subprocess
import sys
import tempfile

from checks import check, finish

LOW, HIGH = 0.75, 1.33
SCALE = "scenarios/scale/hive-10k-clusters-100-syncsets.json"
CASES = [
    ("fit", "scenarios/examples/fleet-sync.json", []),
    ("held out", "scenarios/hive/ssi-2020-A-client-side-5-workers-m4xlarge.json", []),
    ("held out", "scenarios/hive/ssi-2020-D-server-side-100-workers-c5-24xlarge.json", []),
    ("held out", "scenarios/mlops/inference-small-model-hpa-batching.json", []),
    ("held out", "scenarios/hetida/node-replica-core-workers-queue-xx00.json", []),
    ("fit", "scenarios/examples/mmc-worker-pool.json",
     ["--set", "controllers.pool.source.count=200000", "--set", "output.sample_interval=1s"]),
    ("fit", SCALE, ["--set", "stop.horizon=10m"]),
    ("held out", SCALE, ["--set", "stop.horizon=10m", "--set", "fleet.clusters=20000"]),
    ("fit", "scenarios/hive/clustersync-5000-clusters-server-side-c5-24xlarge.json",
     ["--set", "stop.horizon=10m", "--set", "fleet.clusters=200000", "--set",
      "hive.start=restart", "--set", "fleet.adoption.existing=true"]),
]
UNITS = {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}


def estimate(exe, scenario, sets):
    out = subprocess.run([exe, "validate", scenario] + sets, capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"estimated memory ([0-9.]+) (B|KiB|MiB|GiB)", out)
    return float(m.group(1)) * UNITS[m.group(2)]


def peak_rss(exe, scenario, sets, out):
    p = subprocess.Popen([exe, "run", scenario, "--quiet", "--out", out] + sets,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, usage.ru_maxrss * 1024


def main():
    exe = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        for i, (kind, scenario, sets) in enumerate(CASES):
            est = estimate(exe, scenario, sets)
            code, rss = peak_rss(exe, scenario, sets, os.path.join(tmp, str(i)))
            ratio = est / rss
            check(code == 0 and LOW <= ratio <= HIGH,
                  f"{scenario} {' '.join(sets)} ({kind}): estimate {est / 2**20:.1f} MiB, "
                  f"peak RSS {rss / 2**20:.1f} MiB, ratio {ratio:.2f}"
                  + ("" if code == 0 else f", exit {code}"))
    finish()


if __name__ == "__main__":
    main()
