#!/usr/bin/env python3
"""Credential hygiene (issue #10): with a bearer token, a token file, a client certificate
and key given inline, and exec plugins (token; certificate), calibrate runs against a spoke
that authenticates them — and no output carries the secrets: stdout, stderr, the model
file and every other file in the output directory are searched for the token, for
"PRIVATE KEY", for the base64 of the key file and for every base64 line of the key's PEM.
Failing runs (a server error, a failing exec plugin, bad key data) are searched too."""
import base64
import os
import sys

from spoke_env import (Checks, Spoke, calibrate, cert_user, exec_user, kubeconfig, make_pki,
                       tempdir, token_user)

fleetsim = os.path.abspath(sys.argv[1])
TOKEN = "hygiene-token-Zq9W4xK2mP7"
c = Checks()


def secrets(pki):
    key = open(pki["client.key"], "rb").read()
    pem_lines = [l for l in key.decode().splitlines() if l and not l.startswith("-----")]
    return ([TOKEN, "PRIVATE KEY", base64.b64encode(key).decode()[:60]] +
            [l for l in pem_lines if len(l) >= 16])


def outputs(r, out_dir):
    texts = {"stdout": r.stdout, "stderr": r.stderr}
    for name in os.listdir(out_dir):
        with open(os.path.join(out_dir, name), errors="replace") as f:
            texts[name] = f.read()
    return texts


def hygienic(what, r, out_dir, secret_list):
    leaks = [(where, s[:12] + "...") for where, t in outputs(r, out_dir).items()
             for s in secret_list if s in t]
    c.check(not leaks, f"{what}: no secret in any output {leaks if leaks else ''}")


with tempdir() as d:
    pki = make_pki(d, "t")
    ca = pki["ca.crt"]
    secret_list = secrets(pki)
    token_file = os.path.join(d, "token")
    with open(token_file, "w") as f:
        f.write(TOKEN + "\n")
    spoke = Spoke(fleetsim, pki, token=TOKEN, client_ca=ca)
    bad = Spoke(fleetsim, pki, token=TOKEN, client_ca=ca, faults=["500:verb=POST"])
    try:
        users = [
            ("bearer token", token_user(TOKEN), "authentication: bearer token"),
            ("token file", "    tokenFile: token\n", "authentication: bearer token"),
            ("client certificate (inline data)", cert_user(pki),
             "authentication: client certificate"),
            ("exec plugin (token)", exec_user("token", TOKEN), "authentication: exec plugin (token)"),
            ("exec plugin v1beta1 (certificate)",
             exec_user("cert", pki["client.crt"], pki["client.key"],
                       api="client.authentication.k8s.io/v1beta1"),
             "authentication: exec plugin (client certificate)"),
        ]
        for i, (what, user, says) in enumerate(users):
            out_dir = os.path.join(d, f"out{i}")
            os.makedirs(out_dir)
            kc = kubeconfig(os.path.join(d, f"kc{i}"), spoke.url, user, ca=ca)
            if "inline" in what:  # control: the search finds the key where it is
                c.check(any(x in open(kc).read() for x in secret_list[2:]),
                        "control: the key's base64 is found in the kubeconfig")
            r = calibrate(fleetsim, kc, os.path.join(out_dir, "model.json"), "--levels", "1",
                          "--requests", "5")
            c.check(r.returncode == 0 and says in r.stderr,
                    f"{what}: calibrates (exit {r.returncode}; {r.stderr.strip()[-200:]})")
            hygienic(what, r, out_dir, secret_list)
            # The same credentials in a failing run.
            kc = kubeconfig(os.path.join(d, f"kcbad{i}"), bad.url, user, ca=ca)
            r = calibrate(fleetsim, kc, os.path.join(out_dir, "failed.json"), "--levels", "1",
                          "--requests", "5")
            c.check(r.returncode == 1, f"{what}, server error: exit 1")
            hygienic(what + ", server error", r, out_dir, secret_list)
        c.check(spoke.labelled_namespaces(ca) == [] and bad.labelled_namespaces(ca) == [],
                "no calibration namespace left")
        # Failing credentials: a failing plugin, key data that is not a key.
        failing = [
            ("failing exec plugin", exec_user("fail", TOKEN), 2, "failed with exit status 3"),
            ("exec plugin printing garbage", exec_user("garbage", TOKEN), 2, "not a JSON object"),
            ("key data that is not a key",
             "    client-certificate-data: " + base64.b64encode(
                 open(pki["client.crt"], "rb").read()).decode() + "\n"
             "    client-key-data: " + base64.b64encode(
                 ("-----BEGIN PRIVATE KEY-----\n" + TOKEN + "\n-----END PRIVATE KEY-----\n")
                 .encode()).decode() + "\n", 2, "users[0].user.client-key"),
        ]
        for i, (what, user, code, expect) in enumerate(failing):
            out_dir = os.path.join(d, f"fail{i}")
            os.makedirs(out_dir)
            kc = kubeconfig(os.path.join(d, f"kcf{i}"), spoke.url, user, ca=ca)
            r = calibrate(fleetsim, kc, os.path.join(out_dir, "model.json"))
            c.check(r.returncode == code and expect in r.stderr,
                    f"{what}: exit {code} with a message naming it ({r.stderr.strip()[-200:]})")
            hygienic(what, r, out_dir, secret_list)
    finally:
        spoke.stop()
        bad.stop()
sys.exit(c.finish())
