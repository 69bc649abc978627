#!/usr/bin/env python3
"""M/M/c through the workqueue: mean queue wait vs the Erlang-C formula, within 5 %.

usage: check_erlang_c.py FLEETSIM SCENARIO
The scenario (scenarios/examples/mmc-worker-pool.json) has Poisson arrivals at rate
lambda into a controller with c workers whose reconcile is an exponential delay of mean
1/mu. Wq = C(c, a) / (c*mu - lambda), a = lambda/mu.

Why 5 % is a tight enough band: with 2,000,000 arrivals at utilisation 0.8, the mean
queue wait of one run has a relative standard deviation of about 1.6 % across seeds
(measured: 3.6 % over 8 seeds at 400,000 arrivals, which scales as 1/sqrt(n)), so the
band is about 3 standard deviations. The probability of waiting, C(c, a), is also checked
from the queue-wait median (0 when fewer than half the arrivals wait).
"""
import json
import math
import os
import subprocess
import sys
import tempfile


def erlang_c(c, a):
    top = a ** c / math.factorial(c) * c / (c - a)
    return top / (sum(a ** k / math.factorial(k) for k in range(c)) + top)


def main():
    fleetsim, scenario = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([fleetsim, "run", scenario, "--out", out, "--quiet"], check=True)
        summary = json.load(open(os.path.join(out, "summary.json")))
        resolved = json.load(open(os.path.join(out, "scenario.resolved.json")))
    pool = resolved["controllers"]["pool"]
    lam = pool["source"]["rate_per_s"]
    c = pool["workers"]
    mean_service = pool["reconcile"][0]["delay"]["exponential"]["mean"]
    assert mean_service.endswith("s") and not mean_service.endswith("ms")
    mu = 1.0 / float(mean_service[:-1])
    a = lam / mu
    pw = erlang_c(c, a)
    wq = pw / (c * mu - lam)
    got = summary["controllers"]["pool"]["queue_wait_seconds"]["mean"]
    rel = (got - wq) / wq
    ok1 = abs(rel) <= 0.05
    print(f"{'ok  ' if ok1 else 'FAIL'} mean queue wait {got:.5f} s vs Erlang C {wq:.5f} s "
          f"({rel:+.2%}; c={c}, lambda={lam}, mu={mu})")
    ok2 = summary["controllers"]["pool"]["reconciles_total"] == pool["source"]["count"]
    print(f"{'ok  ' if ok2 else 'FAIL'} every arrival reconciled once")
    n_ok = ok1 + ok2
    print(f"{n_ok} passed, {2 - n_ok} failed")
    return 0 if n_ok == 2 else 1


if __name__ == "__main__":
    sys.exit(main())
