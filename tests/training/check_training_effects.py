#!/usr/bin/env python3
"""Runs the training-workflow scenarios (and variants through --set) and asserts the
effects they are known for: queueing appears only when the GPU pool is smaller than the
parallelism, the makespan grows as ceil(K / min(parallelism, GPUs)), and the cluster
autoscaler cuts the makespan after its provisioning delay.

usage: check_training_effects.py FLEETSIM
Prints one line per check and a closing 'N passed, M failed' line.
"""
import json
import os
import subprocess
import sys
import tempfile


def run(fleetsim, tmp, scenario, tag, *sets):
    out = os.path.join(tmp, tag)
    args = [fleetsim, "run", scenario, "--out", out, "--quiet"]
    for s in sets:
        args += ["--set", s]
    subprocess.run(args, check=True)
    return json.load(open(os.path.join(out, "summary.json")))


def main():
    fleetsim = sys.argv[1]
    m = "scenarios/mlops/training-parallelism-10-gpu-pool-"
    checks = []
    with tempfile.TemporaryDirectory() as tmp:
        fits = run(fleetsim, tmp, m + "fits.json", "fits")
        full = run(fleetsim, tmp, m + "full.json", "full")
        auto = run(fleetsim, tmp, m + "autoscaled.json", "auto")
        one = run(fleetsim, tmp, m + "autoscaled.json", "one-node", "cluster.autoscaler.enabled=false",
                  "stop.when=drained", "stop.horizon=6h")
        slow = run(fleetsim, tmp, m + "autoscaled.json", "slow", "platform.node_pools.gpu.provisioning_delay=15m",
                   "stop.when=drained")
        span = lambda r: r["systems"]["train"]["makespan_s"]
        wait = lambda r: r["systems"]["train"]["pod_pending_seconds"]["max"]
        unsched = lambda r: r["cluster"]["scheduler"]["unschedulable_attempts"]
        checks += [
            ("pool fits: no pod is ever unschedulable", unsched(fits) == 0, unsched(fits), 0),
            ("pool fits: longest pending = start latency (20 s) only", wait(fits) < 21, wait(fits), 21),
            ("pool full: pods are unschedulable", unsched(full) > 0, unsched(full), 0),
            ("pool full: some pod waits at least one step (600 s)", wait(full) > 600, wait(full), 600),
            ("makespan full / fits = ceil(40/8) / ceil(40/10) = 1.25 (+-2 %)",
             abs(span(full) / span(fits) - 1.25) < 0.025, round(span(full) / span(fits), 4), 1.25),
            ("autoscaler: makespan < 0.5x the same pool without autoscaler (6200 s)",
             span(auto) < 0.5 * span(one), span(auto), span(one)),
            ("one node: makespan = 10 waves x 620 s (+-1 %)", abs(span(one) / 6200 - 1) < 0.01, span(one), 6200),
            ("autoscaler: the first pods wait for the provisioning delay (10 s scan + 300 s + 20 s)",
             abs(wait(auto) - 330) < 3, wait(auto), 330),
            ("autoscaler: a longer provisioning delay (15 min) costs makespan",
             span(slow) > span(auto) + 300, span(slow), span(auto)),
            ("autoscaler: idle nodes removed down to min size after scale-down-unneeded-time",
             auto["cluster"]["node_pools"]["gpu"]["nodes_final"] == 1
             and auto["cluster"]["autoscaler"]["scaled_down_nodes"] == 2,
             auto["cluster"]["node_pools"]["gpu"]["nodes_final"], 1),
        ]
    passed = failed = 0
    for name, ok, got, ref in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got} vs {ref}")
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
