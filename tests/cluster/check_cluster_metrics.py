#!/usr/bin/env python3
"""The cluster's metrics in metrics.om: promtool loads them, and the last samples of the
kube-scheduler and cluster-autoscaler families equal summary.json's figures.

usage: check_cluster_metrics.py FLEETSIM
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from effect_checks import report, run_summary  # noqa: E402

SCENARIO = "scenarios/mlops/training-parallelism-10-gpu-pool-autoscaled.json"
SAMPLE = re.compile(r'^([a-z_]+)(\{[^}]*\})? (\S+) (\d+)$')


def last_samples(path):
    """{(name, labels): value} of the last sample of every series."""
    last = {}
    with open(path) as f:
        for line in f:
            m = SAMPLE.match(line.strip())
            if m:
                last[(m.group(1), m.group(2) or "")] = float(m.group(3))
    return last


def main():
    fleetsim = sys.argv[1]
    promtool = shutil.which("promtool")
    with tempfile.TemporaryDirectory(prefix="fleetsim-cluster-metrics-") as tmp:
        out = os.path.join(tmp, "run")
        s = run_summary(fleetsim, out, SCENARIO)
        om = os.path.join(out, "metrics.om")
        loaded = promtool is not None and subprocess.run(
            [promtool, "tsdb", "create-blocks-from", "openmetrics", om, os.path.join(tmp, "data")],
            capture_output=True, timeout=300).returncode == 0
        m = last_samples(om)
    c, ca = s["cluster"], s["cluster"]["autoscaler"]
    sched = c["scheduler"]
    attempts = sum(v for (n, _), v in m.items() if n == "scheduler_schedule_attempts_total")
    get = lambda name, labels="": m.get((name, labels))
    checks = [
        ("promtool tsdb create-blocks-from openmetrics loads metrics.om (package prometheus)",
         loaded, loaded, True),
        ("scheduler_schedule_attempts_total summed over results = schedule_attempts",
         attempts == sched["schedule_attempts"], attempts, sched["schedule_attempts"]),
        ('scheduler_schedule_attempts_total{result="unschedulable"} = unschedulable_attempts',
         get("scheduler_schedule_attempts_total",
             '{profile="default-scheduler",result="unschedulable"}') == sched["unschedulable_attempts"],
         get("scheduler_schedule_attempts_total", '{profile="default-scheduler",result="unschedulable"}'),
         sched["unschedulable_attempts"]),
        ("cluster_autoscaler_scaled_up_nodes_total = autoscaler.scaled_up_nodes",
         get("cluster_autoscaler_scaled_up_nodes_total") == ca["scaled_up_nodes"],
         get("cluster_autoscaler_scaled_up_nodes_total"), ca["scaled_up_nodes"]),
        ('cluster_autoscaler_scaled_down_nodes_total{reason="empty"} = autoscaler.scaled_down_nodes',
         get("cluster_autoscaler_scaled_down_nodes_total", '{reason="empty"}') == ca["scaled_down_nodes"],
         get("cluster_autoscaler_scaled_down_nodes_total", '{reason="empty"}'), ca["scaled_down_nodes"]),
        ('cluster_autoscaler_nodes_count{state="ready"} at the end = nodes_final',
         get("cluster_autoscaler_nodes_count", '{state="ready"}') == c["node_pools"]["gpu"]["nodes_final"],
         get("cluster_autoscaler_nodes_count", '{state="ready"}'), c["node_pools"]["gpu"]["nodes_final"]),
        ('scheduler_pending_pods{queue="unschedulable"} at the end = 0 (all ran)',
         get("scheduler_pending_pods", '{queue="unschedulable"}') == 0,
         get("scheduler_pending_pods", '{queue="unschedulable"}'), 0),
    ]
    return report(checks)


if __name__ == "__main__":
    sys.exit(main())
