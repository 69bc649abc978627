#!/usr/bin/env python3
"""Runs pairs of serving scenarios and asserts the effects they are known for.

usage: check_serving_effects.py FLEETSIM
Prints one line per check and a closing 'N passed, M failed' line.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from effect_checks import report, run_summary  # noqa: E402


def run(fleetsim, tmp, scenario, system):
    out = os.path.join(tmp, os.path.basename(scenario))
    return run_summary(fleetsim, out, scenario)["systems"][system]


def main():
    fleetsim = sys.argv[1]
    h = "scenarios/hetida/"
    m = "scenarios/mlops/"
    checks = []
    with tempfile.TemporaryDirectory() as tmp:
        rt = lambda n: run(fleetsim, tmp, h + n + ".json", "runtime")
        rr_x, q_x = rt("node-replica-core-workers-round-robin-xx00"), rt("node-replica-core-workers-queue-xx00")
        rr_s, lc_s = rt("node-replica-core-workers-round-robin-spread"), rt("node-replica-core-workers-least-connections-spread")
        q_s = rt("node-replica-core-workers-queue-spread")
        one = rt("node-replica-one-worker-queue-xx00")
        checks += [
            ("round-robin makespan > 1.3x queue pull (xx:00, unequal nodes)",
             rr_x["makespan_s"] > 1.3 * q_x["makespan_s"], rr_x["makespan_s"], q_x["makespan_s"]),
            ("round-robin makespan > 1.3x least-connections (spread, unequal nodes)",
             rr_s["makespan_s"] > 1.3 * lc_s["makespan_s"], rr_s["makespan_s"], lc_s["makespan_s"]),
            ("remaining slow worker: round-robin makespan > 2x mean completion",
             rr_x["makespan_s"] > 2 * rr_x["completion_s_mean"], rr_x["makespan_s"], rr_x["completion_s_mean"]),
            ("spread schedule peak queue < 0.5x all at xx:00",
             q_s["waiting_peak"] < 0.5 * q_x["waiting_peak"], q_s["waiting_peak"], q_x["waiting_peak"]),
            ("GIL-bound single worker never exceeds 1 core",
             one["replica_cores_peak"] == 1, one["replica_cores_peak"], 1),
        ]
        inf = run(fleetsim, tmp, m + "inference-small-model-hpa.json", "predictor")
        bat = run(fleetsim, tmp, m + "inference-small-model-hpa-batching.json", "predictor")
        tl = inf["replicas"]["timeline"]
        peak_t = max(tl, key=lambda p: p[1])[0]
        checks += [
            ("batching: more requests per core-second",
             bat["requests_per_core_second"] > 2 * inf["requests_per_core_second"],
             bat["requests_per_core_second"], inf["requests_per_core_second"]),
            ("batching: higher p50", bat["latency_seconds"]["p50"] > inf["latency_seconds"]["p50"],
             bat["latency_seconds"]["p50"], inf["latency_seconds"]["p50"]),
            ("HPA scales from 2 toward 10 under the ramp",
             inf["replicas"]["initial"] == 2 and inf["replicas"]["max"] >= 8, inf["replicas"]["max"], 8),
            ("HPA scales back to 2, no earlier than 300 s after the load falls (t = 4200 s)",
             inf["replicas"]["final"] == 2
             and all(p[0] >= 4200 + 300 for p in tl if p[0] > peak_t and p[1] < inf["replicas"]["max"]),
             [p for p in tl if p[0] > peak_t][:2], 4500),
        ]
    return report(checks)


if __name__ == "__main__":
    sys.exit(main())
