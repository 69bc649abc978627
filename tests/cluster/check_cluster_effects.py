#!/usr/bin/env python3
"""Runs the cluster scenarios (training workflows, StatefulSets, Deployments; variants
through --set) and asserts the effects they are known for: queueing appears only when the
GPU pool is smaller than the parallelism, the makespan grows as ceil(K / min(parallelism,
GPUs)), the cluster autoscaler cuts the makespan after its provisioning delay, OrderedReady
serialises a StatefulSet's start-up, and pod creation is bounded by the slowest client
(kube-controller-manager's, then the scheduler's bindings). docs/scenarios.md quotes the
makespans, Ready times and API-server seat peaks of these runs: they must be these runs'.

usage: check_cluster_effects.py FLEETSIM
Prints one line per check and a closing 'N passed, M failed' line.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from effect_checks import report, run_summary  # noqa: E402


def run(fleetsim, tmp, scenario, tag, *sets):
    return run_summary(fleetsim, os.path.join(tmp, tag), scenario, *sets)


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
        sts = "scenarios/mlops/statefulset-trainees-ordered-ready.json"
        ordered = run(fleetsim, tmp, sts, "ordered")
        par = run(fleetsim, tmp, sts, "parallel", "workloads.trainee.pod_management_policy=Parallel")
        ready = lambda r, n: r["systems"]["workloads"][n]["all_ready_at_s"]
        checks += [
            ("OrderedReady: 20 pods Ready one after the other = 20 x ~30.1 s (+-1 %)",
             abs(ready(ordered, "trainee") / (20 * 30.13) - 1) < 0.01, ready(ordered, "trainee"), 20 * 30.13),
            ("Parallel: all 20 Ready after one start latency (< 35 s)",
             ready(par, "trainee") < 35, ready(par, "trainee"), 35),
        ]
        dep = "scenarios/mlops/deployment-1000-pods-client-qps.json"
        kcm = run(fleetsim, tmp, dep, "kcm-bound")
        sched = run(fleetsim, tmp, dep, "scheduler-bound", "cluster.controller_manager.client.qps=1000",
                    "cluster.controller_manager.client.burst=1000")
        free = run(fleetsim, tmp, dep, "unbound", "cluster.controller_manager.client.qps=1000",
                   "cluster.controller_manager.client.burst=1000", "cluster.scheduler.client.qps=0")
        t = lambda r: ready(r, "web")
        checks += [
            ("1000 pods, controller-manager client 20 QPS / burst 30: Ready at (1000-30)/20 + 5 s (+-2 %)",
             abs(t(kcm) / (48.5 + 5.07) - 1) < 0.02, t(kcm), 48.5 + 5.07),
            ("faster controller-manager client: the scheduler's 50 QPS bindings bound it: (1000-100)/50 + 5 s (+-3 %)",
             abs(t(sched) / (18 + 5.07) - 1) < 0.03, t(sched), 18 + 5.07),
            ("no client limit: Ready after the start latency (< 8 s)", t(free) < 8, t(free), 8),
        ]
        seats = lambda r: r["api_servers"]["hub"]["in_flight_peak"]
        quotes = [f"| {span(r):.1f} s (theory" for r in (fits, full, auto)]
        quotes += [f"from {span(one):.0f} s (one node", f"to {span(auto):.1f} s:", f"it is {span(slow):.1f} s."]
        quotes += [f"| {ready(r, 'trainee'):.1f} s |" for r in (ordered, par)]
        quotes += [f"| {t(r):.1f} s |" for r in (kcm, sched, free)]
        quotes += [f"at most {seats(kcm)} of its 245 seats"] + [f"fills all {seats(r)}" for r in (sched, free)]
        checks += doc_quotes(quotes)
    return report(checks)


def doc_quotes(quotes):
    """Each quoted figure must appear in the cluster part of docs/scenarios.md."""
    with open("docs/scenarios.md") as f:
        doc = " ".join(f.read().split("## Training workflows")[1].split("## ML platform")[0].split())
    return [(f"docs/scenarios.md quotes '{q}'", q in doc, q, "in doc") for q in quotes]


if __name__ == "__main__":
    sys.exit(main())
