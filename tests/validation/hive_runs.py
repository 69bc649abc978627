"""Reading a Hive run's results for the validation: one fleetsim process per run, and the
figures of summary.json, timeseries.csv, metrics.om and scenario.resolved.json that
validate_hive.py compares with the 2020 observations."""
import csv
import json
import os
import subprocess

SSI = "syncsetinstance"
# metrics.om: virtual time 0 is this epoch (docs/results-format.md).
EPOCH_S = 1594857600
SERIES = 'controller_runtime_reconcile_total{controller="' + SSI + '",result="'


def run(fleetsim, scenario, out, extra=()):
    subprocess.run([fleetsim, "run", scenario, "--out", out, "--quiet", *extra], check=True)
    summary = json.load(open(os.path.join(out, "summary.json")))
    rows = list(csv.DictReader(open(os.path.join(out, "timeseries.csv"))))
    summary["reconcile_series"] = reconcile_series(os.path.join(out, "metrics.om"))
    return summary, rows


def reconcile_series(path):
    """The SSI controller's controller_runtime_reconcile_total, one series per result label,
    as metrics.om samples it: {result: [(virtual seconds, count), ...]}."""
    series = {}
    with open(path) as f:
        for line in f:
            if line.startswith(SERIES):
                result, rest = line[len(SERIES):].split('"', 1)
                value, stamp = rest.split("}", 1)[1].split()
                series.setdefault(result, []).append((float(stamp) - EPOCH_S, float(value)))
    return series


def count_at(samples, t):
    """The counter's value at virtual time t (the last sample at or before t)."""
    before = [c for ts, c in samples if ts <= t]
    return before[-1] if before else 0.0


def reconcile_rates(s, t0, t1):
    """rate(controller_runtime_reconcile_total{controller="syncsetinstance"}) averaged over
    (t0, t1], one value per result label with any reconcile: the lines of the graph the
    scale test read (a Prometheus graph of that query draws one line per series)."""
    rates = {}
    for result, samples in s["reconcile_series"].items():
        rate = (count_at(samples, t1) - count_at(samples, t0)) / (t1 - t0)
        if rate > 0:
            rates[result] = rate
    return rates


def value_at(rows, column, t):
    best = min(rows, key=lambda r: abs(float(r["time_s"]) - t))
    return float(best[column])


def pass_rates(s):
    """The same per-result rates over a whole run that stops at the end of the first pass,
    from summary.json's totals (metrics.om samples once a minute and so misses the last
    seconds of a short run)."""
    by_result = s["controllers"][SSI]["reconciles_by_result"]
    return {k: v / pass_end_of(s) for k, v in by_result.items() if v}


def pass_end_of(s):
    """Virtual seconds at which every SSI had been applied once (else the run's end)."""
    return s["systems"]["hive"]["first_pass_completed_at_s"] or s["virtual_seconds"]


def duration_ms(text):
    """A scenario duration ("10ms", "1.5s", "250us") in milliseconds."""
    for unit, scale in (("ms", 1.0), ("us", 1e-3), ("s", 1e3)):
        if text.endswith(unit):
            return float(text[:-len(unit)]) * scale
    raise ValueError(f"not a fixed duration: {text!r}")


def noop_cost_ms(resolved_path):
    """(no-op reconcile CPU, Info CPU, resources per SSI) in the resolved scenario, in
    reference-core ms: a no-op builds the remote client and makes one Info call per
    resource (SyncSetInstanceSystem::reconcile_ssi)."""
    hive = json.load(open(resolved_path))["hive"]
    info = duration_ms(hive["costs"]["resource_info"])
    resources = hive["resources_per_syncset"]
    return duration_ms(hive["costs"]["client_build"]) + resources * info, info, resources
