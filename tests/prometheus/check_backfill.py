#!/usr/bin/env python3
"""metrics.om loads into Prometheus and answers the PromQL of the Hive 2020 scale test
(shared/reference/hive-2020.md) with the figures of summary.json and timeseries.csv.

usage: check_backfill.py FLEETSIM
Runs a small Hive 2020 row-A scenario twice (metrics.om must be byte-identical),
backfills it with `promtool tsdb create-blocks-from openmetrics`, starts a real
Prometheus on 127.0.0.1 (a free port) over the blocks, queries it, stops it. Also
backfills a small ClusterSync-era run (outcome labels), and checks that restarts over an
existing fleet report no first-success histograms. Everything lives in a temporary
directory removed at the end; every step is bounded in time.
"""
import csv
import filecmp
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from promtest import EPOCH, Checks, Prometheus, close, need  # noqa: E402

SSI = ["scenarios/hive/ssi-2020-A-client-side-5-workers-m4xlarge.json",
       "--set", "fleet.clusters=40", "--set", "output.sample_interval=15s"]
CLUSTERSYNC = ["scenarios/hive/clustersync-1000-clusters-server-side-c5-24xlarge.json",
               "--set", "fleet.clusters=40"]
# Restarts over an existing fleet: objects whose first success predates the run.
SSI_RESTART = ["scenarios/hive/ssi-restart-68-percent-up-to-date-100-workers.json",
               "--set", "fleet.clusters=40"]
CLUSTERSYNC_RESTART = CLUSTERSYNC + ["--set", "hive.start=restart",
                                     "--set", "fleet.adoption.existing=true"]
FIRST_SUCCESS = ("hive_selectorsyncset_apply_duration_seconds",
                 "hive_clustersync_first_success_duration_seconds")
STEP = 15


def run(fleetsim, args, out):
    subprocess.run([fleetsim, "run"] + args + ["--out", out, "--quiet"], check=True, timeout=300)


def backfill(om, data):
    return subprocess.run([need("promtool"), "tsdb", "create-blocks-from", "openmetrics", om, data],
                          capture_output=True, text=True, timeout=300)


def last_values(text, family):
    """The last sample of every series of a histogram family in OpenMetrics text:
    {'_count': v, '_bucket{le="+Inf"}': v, '_count{name="x"}': v, ...}."""
    values = {}
    for line in text.splitlines():
        if line.startswith(family + "_"):
            key, value = line[len(family):].split(" ")[:2]
            values[key] = float(value)
    return values


def one(samples, what):
    if len(samples) != 1:
        raise AssertionError(f"{what}: expected one series, got {samples}")
    return samples[0][1]


def main():
    fleetsim = sys.argv[1]
    ck = Checks()
    with tempfile.TemporaryDirectory(prefix="fleetsim-prom-") as tmp:
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        run(fleetsim, SSI, a)
        run(fleetsim, SSI, b)
        om = os.path.join(a, "metrics.om")
        ck.check(filecmp.cmp(om, os.path.join(b, "metrics.om"), shallow=False),
                 "metrics.om is byte-identical across two runs of the same scenario and seed")
        with open(om) as f:
            text = f.read()
        ck.check(text.endswith("# EOF\n"), "metrics.om ends with # EOF")
        print(f"     metrics.om: {len(text) / 1e6:.1f} MB, {text.count(chr(10))} lines")

        data = os.path.join(tmp, "data")
        r = backfill(om, data)
        ck.check(r.returncode == 0, "promtool tsdb create-blocks-from openmetrics loads metrics.om"
                 + ("" if r.returncode == 0 else ": " + r.stderr[-2000:]))

        cs = os.path.join(tmp, "cs")
        run(fleetsim, CLUSTERSYNC, cs)
        r2 = backfill(os.path.join(cs, "metrics.om"), os.path.join(tmp, "cs-data"))
        ck.check(r2.returncode == 0, "a ClusterSync-era metrics.om loads too"
                 + ("" if r2.returncode == 0 else ": " + r2.stderr[-2000:]))
        with open(os.path.join(cs, "metrics.om")) as f:
            cs_text = f.read()
        ck.check('hive_controller_reconcile_seconds_count{controller="clustersync",'
                 'outcome="full-sync"}' in cs_text,
                 "ClusterSync reconciles carry Hive's outcome label (full-sync)")
        with open(os.path.join(cs, "summary.json")) as f:
            cs_hive = json.load(f)["systems"]["hive"]
        first = last_values(cs_text, "hive_clustersync_first_success_duration_seconds")
        ck.check(first.get("_count") == cs_hive["synced_once"] and
                 0 < first["_sum"] / first["_count"] <= cs_hive["first_pass_completed_at_s"] and
                 first.get('_bucket{le="+Inf"}') == first["_count"],
                 "hive_clustersync_first_success_duration_seconds: one observation per "
                 "cluster synced once, mean within the first pass "
                 f"({first.get('_sum', 0) / max(first.get('_count', 1), 1):.0f} s)")
        sss = last_values(cs_text, "hive_selectorsyncset_apply_duration_seconds")
        counts = [v for k, v in sss.items() if k.startswith("_count")]
        ck.check(len(counts) == 60 and all(c == cs_hive["synced_once"] for c in counts),
                 "hive_selectorsyncset_apply_duration_seconds: 60 series {name}, one first "
                 "apply per cluster each (ClusterSync era)")

        for args, name, done in ((SSI_RESTART, "ssi-restart", "full_applies"),
                                 (CLUSTERSYNC_RESTART, "cs-restart", "full_reapplies")):
            out = os.path.join(tmp, name)
            run(fleetsim, args, out)
            with open(os.path.join(out, "summary.json")) as f:
                applied = json.load(f)["systems"]["hive"][done]
            with open(os.path.join(out, "metrics.om")) as f:
                observed = [line for line in f if line.startswith(FIRST_SUCCESS)]
            ck.check(applied > 0 and not observed,
                     f"{name}: {applied} full applies after a restart over an existing fleet, "
                     f"no first-success observation ({len(observed)} lines), as in Hive")

        with open(os.path.join(a, "summary.json")) as f:
            summary = json.load(f)
        with open(os.path.join(a, "timeseries.csv")) as f:
            rows = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]
        controllers = summary["controllers"]
        end = summary["virtual_seconds"]
        # From 10 min on: every series exists and has a sample a minute (and 5) before.
        full = [r["time_s"] for r in rows if r["time_s"] % STEP == 0 and r["time_s"] >= 600]
        picks = [full[i * (len(full) - 1) // 9] for i in range(10)]
        index = {r["time_s"]: i for i, r in enumerate(rows)}

        def window(t, column, seconds=60):
            """Average per second of a per-second column over the rows covering (t-60, t]."""
            i = index[t]
            n = seconds // STEP
            return sum(rows[j][column] for j in range(i - n + 1, i + 1)) / n

        prom = Prometheus(tmp, data, "global:\n  scrape_interval: 1m\nscrape_configs: []\n")
        try:
            # workqueue_depth: client-go's depth also counts keys re-added while processing,
            # so it is timeseries.csv's queue depth plus at most one key per busy worker.
            ok = True
            for t in picks:
                got = {s["controller"]: v for s, v in prom.query("workqueue_depth", EPOCH + t)}
                for c, cfg in controllers.items():
                    csv_depth = rows[index[t]][c + ".queue_depth"]
                    ok &= c in got and 0 <= got[c] - csv_depth <= cfg["workers"]
            ck.check(ok, "workqueue_depth matches timeseries.csv queue depth (+ keys re-added "
                     "while processing, <= workers) at 10 times")
            names = prom.query("workqueue_depth", EPOCH + end)
            ck.check(len(names) == len(controllers) and
                     all(s["name"] == s["controller"] for s, _ in names),
                     "workqueue_depth has labels name = controller for every controller")

            # controller_runtime_reconcile_total and its rate.
            ok = True
            for c, cfg in controllers.items():
                for result, n in cfg["reconciles_by_result"].items():
                    got = one(prom.query(f'controller_runtime_reconcile_total{{controller="{c}",'
                                         f'result="{result}"}}', EPOCH + end), c + result)
                    ok &= got == n
            ck.check(ok, "controller_runtime_reconcile_total{controller,result} at the end = "
                     "summary.json reconciles_by_result")
            ok = True
            for t in picks:
                got = {s["controller"]: v for s, v in prom.query(
                    "sum by (controller) (rate(controller_runtime_reconcile_total[1m]))",
                    EPOCH + t)}
                for c in controllers:
                    ok &= close(got.get(c, -1), window(t, c + ".reconciles_per_s"), rel=1e-5)
            ck.check(ok, "rate(controller_runtime_reconcile_total[1m]) = timeseries.csv "
                     "reconciles_per_s over the same minute, at 10 times")

            # Mean apply seconds (the original graph) and applies.
            mean = one(prom.query("hive_syncsetinstance_apply_duration_seconds_sum / "
                                  "hive_syncsetinstance_apply_duration_seconds_count",
                                  EPOCH + end), "mean apply")
            ck.check(close(mean, summary["applies"]["seconds"]["mean"], rel=1e-5),
                     f"hive_syncsetinstance_apply_duration_seconds_sum / _count = {mean:.6g} s = "
                     "summary.json applies.seconds.mean")
            total = sum(v for _, v in prom.query("hive_syncsetinstance_resources_applied_total",
                                                 EPOCH + end))
            ck.check(total == summary["applies"]["total"],
                     "hive_syncsetinstance_resources_applied_total = summary.json applies.total")
            ok = True
            for t in picks:
                got = sum(v for _, v in prom.query(
                    "rate(hive_syncsetinstance_resources_applied_total[1m])", EPOCH + t))
                ok &= close(got, window(t, "applies_per_s"), rel=1e-5)
            ck.check(ok, "rate(hive_syncsetinstance_resources_applied_total[1m]) = "
                     "timeseries.csv applies_per_s, at 10 times")

            # Time to first apply of each SelectorSyncSet (the scale test's graph g5).
            hive = summary["systems"]["hive"]
            mean = one(prom.query("sum without(name)(hive_selectorsyncset_apply_duration_"
                                  "seconds_sum) / sum without(name)(hive_selectorsyncset_"
                                  "apply_duration_seconds_count)", EPOCH + end), "sss mean")
            per_name = prom.query("hive_selectorsyncset_apply_duration_seconds_count",
                                  EPOCH + end)
            ck.check(len(per_name) == 60 and
                     sum(v for _, v in per_name) == hive["applied_once"] and
                     0 < mean <= hive["first_pass_completed_at_s"],
                     "hive_selectorsyncset_apply_duration_seconds: 60 series {name}, one "
                     "observation per SSI applied once, mean time to first apply "
                     f"{mean:.0f} s within the first pass")

            # Client requests.
            remote = sum(v for _, v in prom.query(
                'hive_kube_client_requests_total{remote="true"}', EPOCH + end))
            ck.check(remote == summary["api_servers"]["spokes"]["requests_total"],
                     "hive_kube_client_requests_total{remote=\"true\"} = summary.json "
                     "api_servers.spokes.requests_total")
            t = picks[-1]
            rate = sum(v for _, v in prom.query("rate(hive_kube_client_requests_total[5m])",
                                                EPOCH + t))
            now = sum(v for _, v in prom.query("hive_kube_client_requests_total", EPOCH + t))
            before = sum(v for _, v in prom.query("hive_kube_client_requests_total",
                                                  EPOCH + t - 300))
            ck.check(rate > 0 and close(rate, (now - before) / 300, rel=1e-6),
                     f"rate(hive_kube_client_requests_total[5m]) = {rate:.4g}/s = the increase "
                     "over those 5 minutes / 300 s")
            lat = prom.query("sum without(instance,status,resource)(hive_kube_client_request_"
                             "seconds_sum / hive_kube_client_request_seconds_count"
                             '{remote="true"})', EPOCH + end)
            ck.check(len(lat) > 0 and all(0 < v < 1 for _, v in lat),
                     "remote request seconds by controller and method: "
                     + ", ".join(f'{s.get("method")} {v:.3f}s' for s, v in lat))

            # fleetsim_* families.
            ok = True
            for t in picks:
                used = one(prom.query('fleetsim_host_cores_used{host="hub-worker"}', EPOCH + t),
                           "cores used")
                rate = one(prom.query('rate(fleetsim_host_workload_core_seconds_total'
                                      '{host="hub-worker"}[1m])', EPOCH + t), "core seconds")
                ok &= close(used, rows[index[t]]["hub-worker.cores_used"], rel=1e-5)
                ok &= close(rate, window(t, "hub-worker.cores_used"), rel=1e-5)
            ck.check(ok, "fleetsim_host_cores_used and rate(fleetsim_host_workload_core_seconds_"
                     "total[1m]) = timeseries.csv hub-worker.cores_used, at 10 times")
            # The Grafana dashboard's queries all answer on this data.
            with open("docs/grafana-dashboard.json") as f:
                exprs = [t["expr"] for p in json.load(f)["panels"] for t in p["targets"]]
            empty = [e for e in exprs if not prom.query(e, EPOCH + picks[-1])]
            ck.check(len(exprs) >= 6 and not empty, f"the {len(exprs)} queries of "
                     "docs/grafana-dashboard.json answer" + (f"; empty: {empty}" if empty else ""))
            vt = one(prom.query("fleetsim_virtual_time_seconds", EPOCH + end), "virtual time")
            ck.check(vt == end, "fleetsim_virtual_time_seconds at the end = summary.json "
                     "virtual_seconds")
        finally:
            prom.stop()
        ck.check(prom.proc.returncode is not None, "prometheus stopped")
    return ck.close(expected_at_least=24)


if __name__ == "__main__":
    sys.exit(main())
