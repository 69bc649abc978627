#!/usr/bin/env python3
"""`fleetsim run --serve --pace`: a real Prometheus scrapes a run live.

usage: check_live.py FLEETSIM
Runs scenarios/examples/fleet-sync.json (299 virtual seconds) at pace 30 (about 10 s of
wall time) serving /metrics on 127.0.0.1 (a free port), checks both exposition formats
directly, starts a Prometheus on 127.0.0.1 scraping it every second, and checks that it
sees virtual time advance during the run and the final figures of summary.json after it;
then SIGTERM stops fleetsim (which keeps serving after the run) and Prometheus. Every wait
is bounded; everything lives in a temporary directory removed at the end.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from promtest import Checks, Prometheus, http_get, need  # noqa: E402

SCENARIO = "scenarios/examples/fleet-sync.json"
PACE = 30
PROMETHEUS_ACCEPT = ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                     "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")


def wait_for(what, fn, timeout, interval=0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = fn()
        if v:
            return v
        time.sleep(interval)
    raise TimeoutError(what)


def main():
    fleetsim = sys.argv[1]
    ck = Checks()
    with tempfile.TemporaryDirectory(prefix="fleetsim-live-") as tmp:
        out = os.path.join(tmp, "results")
        err_path = os.path.join(tmp, "fleetsim.err")
        err = open(err_path, "w")
        started = time.time()
        sim = subprocess.Popen([fleetsim, "run", SCENARIO, "--out", out, "--quiet",
                                "--serve", "127.0.0.1:0", "--pace", str(PACE)],
                               stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        prom = None
        try:
            def endpoint():
                with open(err_path) as f:
                    m = re.search(r"serving metrics on http://([0-9.]+:[0-9]+)/metrics", f.read())
                return m and m.group(1)
            target = wait_for("fleetsim serving", endpoint, 30)
            ck.check(target.startswith("127.0.0.1:"), f"fleetsim serves on loopback ({target})")

            status, headers, body = http_get(f"http://{target}/metrics")
            ck.check(status == 200 and headers.get("Content-Type", "").startswith(
                "text/plain; version=0.0.4"), "GET /metrics: Prometheus text 0.0.4 by default")
            lint = subprocess.run([need("promtool"), "check", "metrics"], input=body,
                                  capture_output=True, text=True, timeout=60)
            ck.check(lint.returncode == 0, "promtool check metrics accepts it"
                     + ("" if lint.returncode == 0 else ": " + lint.stdout + lint.stderr))
            status, headers, body = http_get(f"http://{target}/metrics",
                                             headers={"Accept": PROMETHEUS_ACCEPT})
            ck.check(status == 200 and headers.get("Content-Type", "").startswith(
                "application/openmetrics-text; version=1.0.0") and body.endswith("# EOF\n"),
                "GET /metrics with Prometheus' Accept header: OpenMetrics 1.0.0")
            try:
                http_get(f"http://{target}/nothing")
                ck.check(False, "GET /nothing: 404")
            except Exception as e:  # urllib raises on 404
                ck.check("404" in str(e), "GET /nothing: 404")

            config = ("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                      "scrape_configs:\n  - job_name: fleetsim\n    static_configs:\n"
                      f"      - targets: ['{target}']\n")
            prom = Prometheus(tmp, os.path.join(tmp, "data"), config)

            seen = set()
            summary_path = os.path.join(out, "summary.json")

            def progress():
                if not os.path.exists(summary_path):
                    for _, v in prom.query("fleetsim_virtual_time_seconds"):
                        seen.add(v)
                return len([v for v in seen if v > 0]) >= 2 or os.path.exists(summary_path)
            wait_for("virtual time scraped", progress, 60, interval=0.5)
            ck.check(len([v for v in seen if v > 0]) >= 2,
                     "Prometheus saw virtual time advance during the run: "
                     + ", ".join(f"{v:g}" for v in sorted(seen)))

            wait_for("results", lambda: os.path.exists(summary_path), 60)
            wall = time.time() - started
            with open(summary_path) as f:
                summary = json.load(f)
            end = summary["virtual_seconds"]
            ck.check(wall >= 0.8 * end / PACE,
                     f"pace {PACE}: {end:g} virtual seconds took {wall:.1f} s of wall time")
            ck.check(sim.poll() is None, "after the run, fleetsim keeps serving")

            def final():
                got = prom.query("fleetsim_virtual_time_seconds")
                return got and got[0][1] == end
            wait_for("final state scraped", final, 30)
            ck.check(True, "Prometheus scraped the final state (virtual time = "
                     "summary.json virtual_seconds)")
            total = sum(v for _, v in prom.query("controller_runtime_reconcile_total"))
            want = sum(c["reconciles_total"] for c in summary["controllers"].values())
            ck.check(total == want,
                     f"controller_runtime_reconcile_total = {total:g} = summary.json reconciles")
            applies = sum(v for _, v in prom.query("fleetsim_applies_total"))
            ck.check(applies == summary["applies"]["total"],
                     f"fleetsim_applies_total = {applies:g} = summary.json applies.total")
            up = prom.query('up{job="fleetsim"}')
            _, _, targets = http_get(prom.url("/api/v1/targets"))
            active = json.loads(targets)["data"]["activeTargets"]
            ck.check(up and up[0][1] == 1 and active and active[0]["lastError"] == "",
                     "the scrape target is up, without errors")

            sim.send_signal(signal.SIGTERM)
            try:
                rc = sim.wait(10)
            except subprocess.TimeoutExpired:
                rc = None
            ck.check(rc == 0, f"SIGTERM stops fleetsim (exit {rc})")
        finally:
            if sim.poll() is None:
                os.killpg(sim.pid, signal.SIGKILL)
                sim.wait(10)
            if prom:
                prom.stop()
            err.close()
        ck.check(prom is not None and prom.proc.returncode is not None, "prometheus stopped")
    return ck.close(expected_at_least=13)


if __name__ == "__main__":
    sys.exit(main())
