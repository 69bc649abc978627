#!/usr/bin/env python3
"""Writes tests/calibrate/fixtures/hub-scrape.txt: a Prometheus text 0.0.4 scrape of a hub,
as client_golang writes it, whose histograms hold draws of known lognormal distributions
(fixed seed), bucketed with each family's real default buckets, amid other families (HELP
and TYPE lines, a summary, counters, labels with escapes). The known parameters go to
hub-scrape.known.json. Deterministic: same output on every run (standard library only).

    python3 tests/calibrate/make_fixture.py [OUT_DIR]   (default: tests/calibrate/fixtures)
"""
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
Z99 = 2.3263478740408408
SEED = 20200716


def exponential(start, factor, n):
    # prometheus.ExponentialBuckets: repeated multiplication, as Go does it.
    out = []
    for _ in range(n):
        out.append(start)
        start *= factor
    return out


# The buckets of each family (sim/stats/Histogram.cpp and sim/output mirror them).
RECONCILE = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6,
             0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9,
             10, 15, 20, 25, 30, 40, 50, 60]        # controller-runtime reconcile_time
WORKQUEUE = exponential(10e-9, 10, 12)              # controller-runtime workqueue
REST = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60]  # client-go rest_client
HIVE = [0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120]       # hive_kube_client_request_seconds

HUB = "172.30.0.1:443"
SPOKES = ["api.spoke-7.example.com:6443", "api.spoke-9.example.com:6443"]

# (family, labels, median_s, p99_s, draws). Reconcile and workqueue of one controller share
# their draws (work duration = reconcile time here).
CONTROLLERS = [("clusterdeployment", 0.12, 1.5, 200000), ("clustersync", 0.8, 6.0, 50000)]
WORKQUEUE_ONLY = [("machinepool", 0.03, 0.4, 20000)]
HUB_VERBS = [("GET", 0.008, 0.06, 300000), ("POST", 0.015, 0.12, 20000),
             ("PUT", 0.012, 0.09, 40000), ("PATCH", 0.010, 0.08, 60000),
             ("DELETE", 0.009, 0.07, 5000)]
SPOKE_VERBS = [("GET", 0.04, 0.4, (30000, 25000)), ("PATCH", 0.05, 0.5, (10000, 8000))]


def go_float(v):
    """strconv.FormatFloat(v, 'g', -1, 64) for the values written here."""
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    if math.isnan(v):
        return "NaN"
    if v == int(v) and abs(v) < 1e6:
        return str(int(v))
    r = repr(v)
    if "e" in r:
        mantissa, exp = r.split("e")
        e = int(exp)
        return f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e):02d}"
    return r


def labels(pairs):
    esc = lambda s: s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
    return "{" + ",".join(f'{k}="{esc(v)}"' for k, v in pairs) + "}" if pairs else ""


def draws(rng, median, p99, n):
    mu, sigma = math.log(median), math.log(p99 / median) / Z99
    return [rng.lognormvariate(mu, sigma) for _ in range(n)]


def histogram_lines(name, pairs, bounds, values):
    out = []
    values = sorted(values)
    i = 0
    for b in bounds:
        while i < len(values) and values[i] <= b:
            i += 1
        out.append(f"{name}_bucket{labels(pairs + [('le', go_float(b))])} {i}")
    out.append(f"{name}_bucket{labels(pairs + [('le', '+Inf')])} {len(values)}")
    out.append(f"{name}_sum{labels(pairs)} {go_float(math.fsum(values))}")
    out.append(f"{name}_count{labels(pairs)} {len(values)}")
    return out


def family(lines, name, help_text, kind):
    lines.append(f"# HELP {name} {help_text}")
    lines.append(f"# TYPE {name} {kind}")


def main(out_dir):
    rng = random.Random(SEED)
    known = {"seed": SEED, "controllers": {}, "hub": {}, "spoke": {}}
    reconcile = {}
    for name, median, p99, n in CONTROLLERS + WORKQUEUE_ONLY:
        reconcile[name] = draws(rng, median, p99, n)
        known["controllers"][name] = {"median": median, "p99": p99, "count": n}
    hub = {}
    for verb, median, p99, n in HUB_VERBS:
        hub[verb] = draws(rng, median, p99, n)
        known["hub"][verb] = {"median": median, "p99": p99, "count": n}
    spoke = {}
    for verb, median, p99, counts in SPOKE_VERBS:
        for host, n in zip(SPOKES, counts):
            spoke[(host, verb)] = draws(rng, median, p99, n)
        known["spoke"][verb] = {"median": median, "p99": p99, "count": sum(counts)}

    lines = []
    family(lines, "controller_runtime_reconcile_time_seconds",
           "Length of time per reconciliation per controller", "histogram")
    for name, *_ in CONTROLLERS:
        lines += histogram_lines("controller_runtime_reconcile_time_seconds",
                                 [("controller", name)], RECONCILE, reconcile[name])
    family(lines, "controller_runtime_reconcile_total",
           "Total number of reconciliations per controller", "counter")
    for name, *_ in CONTROLLERS:
        for result, share in (("error", 0.01), ("requeue", 0), ("requeue_after", 0.2),
                              ("success", 0.79)):
            lines.append(f"controller_runtime_reconcile_total"
                         f"{labels([('controller', name), ('result', result)])} "
                         f"{round(share * len(reconcile[name]))}")
    family(lines, "go_gc_duration_seconds",
           "A summary of the pause duration of garbage collection cycles.", "summary")
    for q, v in (("0", float("nan")), ("0.25", 3.1e-05), ("0.5", 4.2e-05), ("1", 0.0019)):
        lines.append(f"go_gc_duration_seconds{labels([('quantile', q)])} {go_float(v)}")
    lines.append("go_gc_duration_seconds_sum 0.81")
    lines.append("go_gc_duration_seconds_count 4242")
    family(lines, "go_info", "Information about the Go environment.", "gauge")
    lines.append('go_info{version="go1.13.4"} 1')
    family(lines, "hive_kube_client_request_seconds",
           "Length of time for kubernetes client requests.", "histogram")
    lines += histogram_lines("hive_kube_client_request_seconds",
                             [("controller", "clustersync"), ("method", "PATCH"),
                              ("remote", "true"), ("resource", "core/v1/configmaps"),
                              ("status", "200 OK")],
                             HIVE, spoke[(SPOKES[0], "PATCH")])
    family(lines, "process_cpu_seconds_total",
           "Total user and system CPU time spent in seconds.", "counter")
    lines.append("process_cpu_seconds_total 18342.27")
    family(lines, "rest_client_request_duration_seconds",
           "Request latency in seconds. Broken down by verb and URL.", "histogram")
    for verb, *_ in HUB_VERBS:
        lines += histogram_lines("rest_client_request_duration_seconds",
                                 [("host", HUB), ("verb", verb)], REST, hub[verb])
    for host in SPOKES:
        for verb, *_ in SPOKE_VERBS:
            lines += histogram_lines("rest_client_request_duration_seconds",
                                     [("host", host), ("verb", verb)], REST, spoke[(host, verb)])
    family(lines, "rest_client_requests_total",
           "Number of HTTP requests, partitioned by status code, method, and host.", "counter")
    for verb, *_ in HUB_VERBS:
        lines.append(f"rest_client_requests_total{labels([('code', '200'), ('host', HUB), ('method', verb)])} "
                     f"{len(hub[verb])}")
    # A help text and label values with every escape.
    lines.append("# HELP webhook_requests_total Requests by path (C:\\\\tmp\\nsecond line).")
    lines.append("# TYPE webhook_requests_total counter")
    lines.append("webhook_requests_total"
                 + labels([("path", 'C:\\hooks\\"validate"\nv1'), ("code", "200")]) + " 17")
    lines.append("# A comment line, then an untyped sample.")
    lines.append("hive_build_info 1")
    family(lines, "workqueue_depth", "Current depth of workqueue", "gauge")
    for name, *_ in CONTROLLERS + WORKQUEUE_ONLY:
        lines.append(f"workqueue_depth{labels([('name', name)])} 0")
    family(lines, "workqueue_work_duration_seconds",
           "How long in seconds processing an item from workqueue takes.", "histogram")
    for name, *_ in CONTROLLERS + WORKQUEUE_ONLY:
        lines += histogram_lines("workqueue_work_duration_seconds", [("name", name)], WORKQUEUE,
                                 reconcile[name])
    with open(os.path.join(out_dir, "hub-scrape.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out_dir, "hub-scrape.known.json"), "w") as f:
        json.dump(known, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "fixtures"))
