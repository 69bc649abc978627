#!/usr/bin/env python3
"""fleetsim calibrate against an emulated spoke of known latency recovers it.

The spoke (`fleetsim spoke --model known.json`) draws every request's latency from a
lognormal of median 40 ms and p99 120 ms (sigma = ln 3 / z_0.99 = 0.472) times its load
curve [[1, 1.0], [4, 2.0]] at the requests in flight. Calibrating at levels 1 and 4 with
400 operations per verb and level must give, at level 1, a fitted GET and POST median
within 10 % of 40 ms, and a load-curve factor at level 4 within 10 % of 2.0.
Sampling error: the fitted median is exp(mean ln x); its relative standard error is
sigma / sqrt(n) = 0.472 / sqrt(400) = 2.4 % for POST (n = 400) and 1.7 % for GET
(n = 800, the GETs of the GET + PATCH phase count too). The measured latency also holds
what the client sees beyond the spoke's draw: loopback TLS and HTTP (about 0.2-0.3 ms
median on an idle spoke) and the lateness of the spoke's timer and the client's wake-up
when the machine is loaded. That lateness has a long tail, which moves the mean of ln x:
at load average 12 on 2 cores a spoke of constant 20 ms was measured at empirical median
20.5-20.7 ms but fitted median 21.2-21.9 ms (+1.6 ms). The lateness does not grow with
the latency, so the test uses 40 ms (not 20 ms), runs alone (is_parallel: false), and
measures it right after: the same calibration against a spoke of constant 40 ms gives the
chain's overhead per verb (its fitted median - 40 ms), which is subtracted before the
10 % check (and must itself stay under 8 ms, so that it cannot hide a bias of calibrate's
own timing). In the sanitizer build that overhead is about 3 ms (a control fitted at 42.4 /
43.2 ms, 2026-12-07), which with the 2.4 % sampling error failed the uncorrected POST
check in one of three runs (44.9 ms). The factor at 4 is a ratio of two
such medians (about 3 % error) times what the load curve gives for the requests in flight
(4 when all four workers are waiting, which they are except during the client's sub-ms
turn-around). The written model must load: `fleetsim validate` on a scenario whose spokes
use it.
"""
import json
import os
import shutil
import sys

from spoke_env import (Checks, Spoke, calibrate, kubeconfig, make_pki, run, tempdir,
                       token_user)

fleetsim = os.path.abspath(sys.argv[1])
root = os.getcwd()
TOKEN = "accuracy-token-5d1f"
c = Checks()
with tempdir() as d:
    pki = make_pki(d, "t")
    models = os.path.join(d, "models")
    os.makedirs(models)
    known = os.path.join(models, "known.json")
    with open(known, "w") as f:
        json.dump({"description": "test: known latency",
                   "default": {"lognormal": {"median": "40ms", "p99": "120ms"}},
                   "load_curve": [[1, 1.0], [4, 2.0]]}, f)
    spoke = Spoke(fleetsim, pki, token=TOKEN, model=known)
    known_url = spoke.url
    try:
        kc = kubeconfig(os.path.join(d, "kubeconfig"), spoke.url, token_user(TOKEN),
                        ca=pki["ca.crt"])
        out = os.path.join(models, "calibrated.json")
        r = calibrate(fleetsim, kc, out, "--levels", "1,4", "--requests", "400")
        print(r.stdout)
        c.check(r.returncode == 0, f"calibrate exits 0 (got {r.returncode}: {r.stderr[-500:]})")
        c.check(spoke.labelled_namespaces(pki["ca.crt"]) == [], "no calibration namespace is left")
    finally:
        spoke.stop()
    # The measurement chain's own overhead right now: a spoke of constant 40 ms.
    with open(os.path.join(models, "const.json"), "w") as f:
        json.dump({"default": "40ms"}, f)
    spoke = Spoke(fleetsim, pki, token=TOKEN, model=os.path.join(models, "const.json"))
    try:
        kc = kubeconfig(os.path.join(d, "kubeconfig"), spoke.url, token_user(TOKEN),
                        ca=pki["ca.crt"])
        r2 = calibrate(fleetsim, kc, os.path.join(d, "const-out.json"), "--levels", "1",
                       "--requests", "100")
    finally:
        spoke.stop()
    print("figure: control, a spoke of constant 40 ms:")
    print("\n".join(r2.stdout.splitlines()[:3]))
    overhead = {}
    for line in r2.stdout.splitlines():
        cols = line.split()
        if len(cols) == 10 and cols[0] in ("GET", "POST") and cols[1] == "1":
            overhead[cols[0]] = float(cols[7]) - 40  # fit p50 column
    ok = r2.returncode == 0 and set(overhead) == {"GET", "POST"}
    c.check(ok, "control calibration gives GET and POST at level 1" + ("" if ok else r2.stderr[-300:]))
    # The subtraction must not hide a bias of calibrate itself: the chain's overhead stays
    # small (release 0.4-0.8 ms, sanitizer 2.2-3.9 ms on 2026-12-07).
    c.check(ok and max(overhead.values()) < 8.0,
            f"chain overhead {overhead} ms under 20 % of 40 ms")
    if r.returncode == 0:
        text = open(out).read()
        model = json.loads(text[text.index("{"):])
        for verb in ("GET", "POST"):
            ln = model[verb]["lognormal"]
            med = float(ln["median"].removesuffix("ms")) if ln["median"].endswith("ms") else None
            p99 = float(ln["p99"].removesuffix("ms")) if ln["p99"].endswith("ms") else None
            n = model["provenance"]["rows"][verb]["1"]["n"]
            extra = overhead.get(verb, 0.0)
            print(f"figure: {verb} level 1: n={n} fitted median {med} ms (configured 40 ms), "
                  f"fitted p99 {p99} ms (configured 120 ms); chain overhead {extra:.3f} ms")
            c.check(med is not None and abs(med - extra - 40) <= 4.0,
                    f"{verb} fitted median {med} ms - overhead {extra:.3f} ms within 10 % of 40 ms")
        curve = dict((int(l), f) for l, f in model["load_curve"])
        print(f"figure: load average {os.getloadavg()} on {os.cpu_count()} cores")
        print(f"figure: load_curve {model['load_curve']} (configured [[1, 1.0], [4, 2.0]]); "
              f"mean in flight {model['provenance']['mean_in_flight']}")
        c.check(curve.get(1) == 1.0, "load curve factor 1.0 at the lowest level")
        c.check(abs(curve.get(4, 0) - 2.0) <= 0.2, f"load curve factor at 4 ({curve.get(4)}) "
                "within 10 % of 2.0")
        c.check("GET          1     800" in r.stdout, "the table has GET x level 1 with n = 800")
        prov = model["provenance"]
        c.check(prov["server"] == known_url and prov["levels"] == [1, 4] and
                prov["server_version"] != "" and prov["date"].endswith("Z"),
                "provenance: server, version, date, levels")
        # The model loads: a scenario whose spokes use it validates.
        for name in os.listdir(os.path.join(root, "models")):  # the scenario's other models
            shutil.copy(os.path.join(root, "models", name), models)
        scen = os.path.join(d, "fleet-sync.json")
        shutil.copy(os.path.join(root, "scenarios/examples/fleet-sync.json"), scen)
        v = run([fleetsim, "validate", scen, "--set", "fleet.spoke.latency=calibrated"],
                env=dict(os.environ, FLEETSIM_MODELS=models))
        c.check(v.returncode == 0, "fleetsim validate accepts a scenario using the calibrated "
                f"model ({v.stdout}{v.stderr})")
sys.exit(c.finish())
