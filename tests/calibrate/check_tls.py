#!/usr/bin/env python3
"""TLS is verified by default (issue #10): a spoke whose certificate is signed by another
CA than the kubeconfig's is refused with a clear message before any namespace is made;
insecure-skip-tls-verify in the kubeconfig connects, with a warning; plain http:// to a
host that is not loopback is refused without --insecure-http (no connection needed).
Also: bad usage and a bad kubeconfig are exit 2 with a message naming the option or field."""
import os
import sys
import time

from spoke_env import (Checks, Spoke, calibrate, kubeconfig, make_pki, run, tempdir,
                       token_user)

fleetsim = os.path.abspath(sys.argv[1])
TOKEN = "tls-token-3c3c"
c = Checks()
with tempdir() as d:
    ours = make_pki(d, "ours")
    other = make_pki(d, "other")
    out = os.path.join(d, "model.json")
    spoke = Spoke(fleetsim, other, token=TOKEN)  # certificate from the other CA
    try:
        kc = kubeconfig(os.path.join(d, "kc"), spoke.url, token_user(TOKEN), ca=ours["ca.crt"])
        r = calibrate(fleetsim, kc, out, "--levels", "1", "--requests", "5")
        print("  " + r.stderr.strip().splitlines()[-1])
        c.check(r.returncode == 1, "untrusted certificate: exit 1")
        c.check("is not trusted" in r.stderr and "the kubeconfig's CA" in r.stderr,
                "untrusted certificate: clear message")
        c.check(spoke.labelled_namespaces(other["ca.crt"]) == [], "untrusted: nothing created")
        c.check(not os.path.exists(out), "untrusted: no model")

        kc = os.path.join(d, "kc-name")
        kubeconfig(kc, spoke.url, token_user(TOKEN) , ca=other["ca.crt"])
        with open(kc) as f:
            text = f.read().replace("    server:", "    tls-server-name: wrong.example\n    server:")
        with open(kc, "w") as f:
            f.write(text)
        r = calibrate(fleetsim, kc, out, "--levels", "1", "--requests", "5")
        c.check(r.returncode == 1 and "name wrong.example" in r.stderr,
                "tls-server-name that the certificate does not carry: refused")

        kc = kubeconfig(os.path.join(d, "kc-insecure"), spoke.url, token_user(TOKEN),
                        insecure=True)
        r = calibrate(fleetsim, kc, out, "--levels", "1", "--requests", "5")
        c.check(r.returncode == 0, f"insecure-skip-tls-verify: connects (exit {r.returncode})")
        c.check("warning" in r.stderr and "NOT verified" in r.stderr,
                "insecure-skip-tls-verify: a warning on stderr")
    finally:
        spoke.stop()

    kc = kubeconfig(os.path.join(d, "kc-http"), "http://10.255.255.1:8080", token_user(TOKEN))
    t0 = time.monotonic()
    r = calibrate(fleetsim, kc, out, "--levels", "1", "--requests", "5")
    took = time.monotonic() - t0
    print("  " + r.stderr.strip().splitlines()[-1])
    c.check(r.returncode == 2 and "refused (pass --insecure-http" in r.stderr,
            "plain http to a non-loopback host: refused, exit 2")
    c.check(took < 5, f"refused without a connection attempt ({took:.2f} s)")
    c.check(TOKEN not in r.stdout + r.stderr, "the refusal does not show the token")
    r = calibrate(fleetsim, kc, out, "--levels", "1", "--requests", "5", "--insecure-http",
                  "--timeout", "1s")
    c.check(r.returncode == 1 and "10.255.255.1" in r.stderr,
            "with --insecure-http it tries (and here fails to connect: exit 1)")

    # Bad usage and a bad kubeconfig: exit 2 with a message naming the option or the field.
    good = kubeconfig(os.path.join(d, "kc-good"), "https://127.0.0.1:1", token_user(TOKEN))
    bad_kc = os.path.join(d, "kc-bad")
    with open(bad_kc, "w") as f:
        f.write(open(good).read().replace("    server:", "    sever:"))
    for args, expect in [
        (["--kubeconfig", good, "--out", out, "--levels", "5,1"], "--levels must increase"),
        (["--kubeconfig", good], "--out FILE is required"),
        (["--kubeconfig", good, "--out", out, "--bogus"], "unknown option \"--bogus\""),
        (["--kubeconfig", good, "--out", out, "--namespace", "Bad_Name"], "DNS label"),
        (["--kubeconfig", bad_kc, "--out", out], bad_kc + ":7:5: clusters[0].cluster.sever: "
                                                 "unknown field"),
        (["--kubeconfig", good, "--out", out, "--context", "nope"],
         "contexts: no context named \"nope\""),
        (["--out", out, "--from-metrics", os.path.join(d, "no-such-scrape")],
         "cannot read the scrape"),
    ]:
        r = run([fleetsim, "calibrate", *args])
        c.check(r.returncode == 2 and expect in r.stderr,
                f"{' '.join(args[2:]) or 'no --out'}: exit 2, {expect!r} "
                f"(got {r.returncode}: {r.stderr.strip().splitlines()[:1]})")
sys.exit(c.finish())
