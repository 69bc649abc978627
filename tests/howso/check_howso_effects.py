#!/usr/bin/env python3
"""Runs the Howso scenarios (and variants through --set) and asserts the effects they show.

usage: check_howso_effects.py FLEETSIM
Prints one line per check and a closing 'N passed, M failed' line.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from effect_checks import report, run_summary  # noqa: E402

D = "scenarios/howso/"


def run(fleetsim, tmp, scenario, *sets):
    out = os.path.join(tmp, f"{scenario}-{len(os.listdir(tmp))}")
    return run_summary(fleetsim, out, D + scenario + ".json", *sets)


def main():
    fleetsim = sys.argv[1]
    checks = []
    with tempfile.TemporaryDirectory() as tmp:
        # The operator's client QPS bounds the creation rate: 60 trainees x 2 calls.
        slow = run(fleetsim, tmp, "trainee-burst-api-qps-bound")["systems"]["platform"]
        fast = run(fleetsim, tmp, "trainee-burst-api-qps-bound",
                   "howso.platform.operator.client.qps=20",
                   "howso.platform.operator.client.burst=30")["systems"]["platform"]
        s_last, f_last = slow["start_latency_seconds"]["max"], fast["start_latency_seconds"]["max"]
        checks += [
            ("QPS 2: last start ~ 60 x 2 / 2 s + 10 s pod start (66..71 s)",
             66 <= s_last <= 71, s_last, "66..71"),
            ("QPS 20 (burst 30): last start ~ (120 - 30) / 20 + 10 s (13..17 s)",
             13 <= f_last <= 17, f_last, "13..17"),
            ("10x the QPS removes ~ 120/2 - 90/20 = 55 s from the last start (48..60 s)",
             48 <= s_last - f_last <= 60, s_last - f_last, "48..60"),
        ]
        # The API server bounds the creation rate: 2 seats, 250 ms per request, no client limit
        # (trainee-burst-api-server-seats-bound).
        # Each trainee costs 6 requests before Running (Trainee POST, StatefulSet POST, status
        # PATCH, pod POST, binding, kubelet status) and one DELETE after its 5 s of training.
        seats = run(fleetsim, tmp, "trainee-burst-api-server-seats-bound")
        wide = run(fleetsim, tmp, "trainee-burst-api-server-seats-bound", "api_servers.hub.seats=245")
        last = seats["systems"]["platform"]["start_latency_seconds"]["max"]
        checks += [
            ("2 API-server seats: last start ~ 60 x 6 x 0.25 s / 2 = 45 s (+ <= 7.5 s of deletes)"
             " + 10 s start (55..62.5 s)", 55 <= last <= 62.5, last, "55..62.5"),
            ("2 API-server seats: every seat busy (in flight peak 2), no 429",
             seats["api_servers"]["hub"]["in_flight_peak"] == 2
             and seats["api_servers"]["hub"]["rejected_429_total"] == 0,
             seats["api_servers"]["hub"]["in_flight_peak"], 2),
            ("245 seats: the operator's 4 workers bound it: 15 trainees x 2 calls x 0.25 s = 7.5 s"
             " + pod POST, binding, status (0.75 s) + 10 s start (17..20 s)",
             17 <= wide["systems"]["platform"]["start_latency_seconds"]["max"] <= 20,
             wide["systems"]["platform"]["start_latency_seconds"]["max"], "17..20"),
        ]
        # An autoscaled empty pool adds its provisioning delay (3 min) to every start.
        auto = run(fleetsim, tmp, "trainee-burst-autoscaled-pool")["systems"]["platform"]
        warm = run(fleetsim, tmp, "trainee-burst-autoscaled-pool",
                   "platform.node_pools.workers.initial=20")["systems"]["platform"]
        a99, w99 = auto["start_latency_seconds"]["p99"], warm["start_latency_seconds"]["p99"]
        a50 = auto["start_latency_seconds"]["p50"]
        checks += [
            ("autoscaled pool: p99 start - pre-provisioned p99 = 180 s + scan + backoff (180..210 s)",
             180 <= a99 - w99 <= 210, a99 - w99, "180..210"),
            ("autoscaled pool: p50 start also includes the 180 s provisioning",
             a50 >= 190, a50, ">= 190"),
        ]
        # An undersized database (1 connection) stretches training by the bottleneck law.
        sized = run(fleetsim, tmp, "dependent-services-sized")
        under = run(fleetsim, tmp, "dependent-services-undersized")
        ts = sized["systems"]["platform"]["training_seconds"]["p50"]
        tu = under["systems"]["platform"]["training_seconds"]["p50"]
        du, ds = under["services"]["database"], sized["services"]["database"]
        checks += [
            ("undersized database: training p50 / sized ~ 200 / 113.7 = 1.76 (+-5 %)",
             abs(tu / ts - 200 / 113.685) <= 0.05 * 200 / 113.685, tu / ts, 1.759),
            ("undersized database: busy (utilisation > 0.9), sized one below 0.5",
             du["utilisation"] > 0.9 and ds["utilisation"] < 0.5,
             (du["utilisation"], ds["utilisation"]), "> 0.9, < 0.5"),
            ("undersized database: wait p99 > 100x the sized one",
             du["wait_seconds"]["p99"] > 100 * max(ds["wait_seconds"]["p99"], 1e-6),
             (du["wait_seconds"]["p99"], ds["wait_seconds"]["p99"]), "> 100x"),
        ]
        # The same law for the other services: a slow cache (one thread, 5 ms per lookup: 20
        # lookups = 100 ms per iteration) and a thin bus (1 MB/s: 2 x 64 KiB = 131 ms).
        cache = run(fleetsim, tmp, "dependent-services-sized", 'services.cache.service_time="5ms"')
        bus = run(fleetsim, tmp, "dependent-services-sized", "services.bus.bandwidth=1e6")
        tc = cache["systems"]["platform"]["training_seconds"]["p50"]
        tb = bus["systems"]["platform"]["training_seconds"]["p50"]
        checks += [
            ("slow cache: training p50 ~ 2,000 iterations x 20 x 5 ms = 200 s (+-3 %)",
             abs(tc - 200) <= 6, tc, 200),
            ("thin bus: training p50 ~ 2,000 x 2 x 65,536 B / 1 MB/s = 262 s (+-3 %)",
             abs(tb - 262.1) <= 7.9, tb, 262.1),
            ("slow cache / thin bus: utilisation > 0.9",
             cache["services"]["cache"]["utilisation"] > 0.9
             and bus["services"]["bus"]["utilisation"] > 0.9,
             (cache["services"]["cache"]["utilisation"], bus["services"]["bus"]["utilisation"]),
             "> 0.9"),
        ]
        # Taints keep trainees off the core nodes and the core service's latency unchanged.
        taint = run(fleetsim, tmp, "core-and-worker-taints")["systems"]["platform"]
        idle = run(fleetsim, tmp, "core-and-worker-taints",
                   'howso.platform.requests={"kind": "poisson", "rate": [[0, 1]], '
                   '"start": "30s", "end": "30s"}')["systems"]["platform"]
        shared = run(fleetsim, tmp, "core-and-worker-shared")["systems"]["platform"]
        on_core = lambda s: sum(n for k, n in s["trainee_nodes"].items() if k.startswith("core"))
        lt, li, ls = (x["core_service"]["latency_seconds"] for x in (taint, idle, shared))
        checks += [
            ("no-trainee variant: no trainee requested", idle["trainees"]["requested"] == 0,
             idle["trainees"]["requested"], 0),
            ("taints: no trainee on a core node", on_core(taint) == 0, taint["trainee_nodes"], 0),
            ("taints: core latency p50/p99 identical with and without trainees",
             (lt["p50"], lt["p99"]) == (li["p50"], li["p99"]), (lt["p99"], li["p99"]), "equal"),
            ("shared nodes: 2 trainees on core nodes", on_core(shared) == 2,
             shared["trainee_nodes"], 2),
            ("shared nodes: core latency p99 > 10x the taint-separated one",
             ls["p99"] > 10 * lt["p99"], (ls["p99"], lt["p99"]), "> 10x"),
        ]
    return report(checks)

if __name__ == "__main__":
    sys.exit(main())
