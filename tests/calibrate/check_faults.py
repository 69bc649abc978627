#!/usr/bin/env python3
"""Every fault the emulated spoke injects ends calibrate with a clear message, a non-zero
exit and no calibration namespace left (checked through the spoke's own API with the
label selector). Also: SIGINT stops and cleans up (exit 130); a namespace that exists
without the fleetsim label is refused (exit 2) and left untouched."""
import os
import signal
import subprocess
import sys
import time

from spoke_env import Checks, Spoke, calibrate, kubeconfig, make_pki, tempdir, token_user

fleetsim = os.path.abspath(sys.argv[1])
TOKEN = "faults-token-77aa"
SMALL = ["--levels", "1,2", "--requests", "30"]
FAULTS = [
    ("429:retry-after=1", ["--max-retries", "2"], ["HTTP 429", "after 2 Retry-After retries"]),
    ("500:verb=POST", [], [": HTTP 500"]),
    ("reset:after=20", [], ["closed or reset"]),
    ("malformed:verb=GET", [], ["malformed answer"]),
    ("delay:duration=3s,verb=GET", ["--timeout", "1s"], ["no answer", "within 1s (--timeout)"]),
]
c = Checks()
with tempdir() as d:
    pki = make_pki(d, "t")
    ca = pki["ca.crt"]
    out = os.path.join(d, "model.json")
    for fault, flags, expect in FAULTS:
        spoke = Spoke(fleetsim, pki, token=TOKEN, faults=[fault])
        try:
            kc = kubeconfig(os.path.join(d, "kc"), spoke.url, token_user(TOKEN), ca=ca)
            r = calibrate(fleetsim, kc, out, *SMALL, *flags, timeout=300)
            last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
            print(f"  {fault}: exit {r.returncode}: {last}")
            c.check(r.returncode == 1, f"{fault}: exit 1")
            c.check(all(e in last for e in expect) and "deleted" in last,
                    f"{fault}: message names the failure ({expect!r}) and the deleted namespace")
            c.check(spoke.labelled_namespaces(ca) == [], f"{fault}: no calibration namespace left")
            c.check(not os.path.exists(out), f"{fault}: no model written")
        finally:
            spoke.stop()

    spoke = Spoke(fleetsim, pki, token=TOKEN)
    try:
        kc = kubeconfig(os.path.join(d, "kc"), spoke.url, token_user(TOKEN), ca=ca)
        # SIGINT in the middle of a long run.
        p = subprocess.Popen([fleetsim, "calibrate", "--kubeconfig", kc, "--out", out,
                              "--levels", "1", "--requests", "1000000"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for line in p.stderr:
            if "working in namespace" in line:
                break
        time.sleep(1.0)
        p.send_signal(signal.SIGINT)
        try:
            _, err = p.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
        print(f"  SIGINT: exit {p.returncode}: {err.strip().splitlines()[-1:]}")
        c.check(p.returncode == 130, "SIGINT: exit 130")
        c.check("interrupted; no model written; namespace fleetsim-calibrate-" in err
                and "deleted" in err, "SIGINT: message says interrupted and deleted")
        c.check(spoke.labelled_namespaces(ca) == [], "SIGINT: no calibration namespace left")

        # A namespace that is not ours.
        spoke.post("/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace",
                                          "metadata": {"name": "taken"}}, ca)
        r = calibrate(fleetsim, kc, out, "--namespace", "taken", *SMALL)
        print(f"  foreign namespace: exit {r.returncode}: {r.stderr.strip().splitlines()[-1:]}")
        c.check(r.returncode == 2, "foreign namespace: exit 2")
        c.check("namespace taken exists and is not labelled app.kubernetes.io/managed-by=fleetsim"
                in r.stderr, "foreign namespace: clear message")
        ns = spoke.get("/api/v1/namespaces/taken", ca)
        cms = spoke.get("/api/v1/namespaces/taken/configmaps", ca).get("items") or []
        c.check(ns["metadata"]["name"] == "taken" and cms == [],
                "foreign namespace: still there, nothing created in it")
    finally:
        spoke.stop()
sys.exit(c.finish())
