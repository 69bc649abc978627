"""Helpers of the calibrate end-to-end tests: certificates made with openssl, an emulated
spoke (`fleetsim spoke`) on 127.0.0.1:0, kubeconfigs for every form of authentication, and
the spoke's API read directly (to check that no calibration namespace is left)."""
import base64
import json
import os
import re
import signal
import ssl
import subprocess
import tempfile
import urllib.request

LABEL = "app.kubernetes.io/managed-by=fleetsim"
HERE = os.path.dirname(os.path.abspath(__file__))
EXEC_PLUGIN = os.path.join(HERE, "..", "unit", "calibrate", "exec_plugin.sh")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def openssl(*args, cwd):
    r = run(["openssl", *args], cwd=cwd)
    if r.returncode != 0:
        raise RuntimeError("openssl " + " ".join(args) + ": " + r.stderr)


def make_pki(d, name):
    """CA, server certificate for 127.0.0.1 / localhost, client certificate: d/name-*.pem."""
    p = lambda x: f"{name}-{x}"
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("ca.key"), "-out",
            p("ca.crt"), "-days", "2", "-subj", f"/CN={name}-ca", cwd=d)
    with open(os.path.join(d, "san.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for who, subj, ext in (("server", "/CN=127.0.0.1", ["-extfile", "san.ext"]),
                           ("client", "/CN=fleetsim-user/O=system:masters", [])):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", p(who + ".key"), "-out",
                p(who + ".csr"), "-subj", subj, cwd=d)
        openssl("x509", "-req", "-in", p(who + ".csr"), "-CA", p("ca.crt"), "-CAkey", p("ca.key"),
                "-CAcreateserial", "-out", p(who + ".crt"), "-days", "2", *ext, cwd=d)
    return {k: os.path.join(d, p(k)) for k in
            ("ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key")}


class Spoke:
    """`fleetsim spoke` in the background; stop() sends SIGTERM."""

    def __init__(self, fleetsim, pki, token=None, client_ca=None, model=None, faults=(),
                 seed=1, env=None):
        cmd = [fleetsim, "spoke", "--listen", "127.0.0.1:0", "--tls-cert", pki["server.crt"],
               "--tls-key", pki["server.key"], "--seed", str(seed)]
        if token:
            cmd += ["--token", token]
        if client_ca:
            cmd += ["--client-ca", client_ca]
        if model:
            cmd += ["--model", model]
        for f in faults:
            cmd += ["--fault", f]
        self.token = token
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env)
        self.url = None
        for line in self.proc.stdout:
            m = re.search(r"listening on (https://127\.0\.0\.1:\d+)", line)
            if m:
                self.url = m.group(1)
            if "fleetsim spoke: ready" in line:
                break
        if not self.url:
            raise RuntimeError("fleetsim spoke did not start: " + self.proc.stderr.read())

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def get(self, path, ca):
        ctx = ssl.create_default_context(cafile=ca)
        req = urllib.request.Request(self.url + path)
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        with urllib.request.urlopen(req, context=ctx, timeout=10) as r:
            return json.loads(r.read())

    def post(self, path, body, ca):
        ctx = ssl.create_default_context(cafile=ca)
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(),
                                     method="POST")
        req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        with urllib.request.urlopen(req, context=ctx, timeout=10) as r:
            return json.loads(r.read())

    def labelled_namespaces(self, ca):
        sel = urllib.request.quote(LABEL, safe="")
        items = self.get("/api/v1/namespaces?labelSelector=" + sel, ca).get("items") or []
        return [i["metadata"]["name"] for i in items]


def b64(path):
    with open(path, "rb") as f:
        return base64.b64encode(f.read()).decode()


def kubeconfig(path, server, user, ca=None, ca_data=None, insecure=False):
    """user: the YAML lines of the user block (indented 4)."""
    cluster = f"    server: {server}\n"
    if ca:
        cluster += f"    certificate-authority: {ca}\n"
    if ca_data:
        cluster += f"    certificate-authority-data: {ca_data}\n"
    if insecure:
        cluster += "    insecure-skip-tls-verify: true\n"
    with open(path, "w") as f:
        f.write("apiVersion: v1\nkind: Config\ncurrent-context: test\n"
                "clusters:\n- name: spoke\n  cluster:\n" + cluster +
                "contexts:\n- name: test\n  context: {cluster: spoke, user: me}\n"
                "users:\n- name: me\n  user:\n" + user)
    return path


def token_user(token):
    return f"    token: {token}\n"


def cert_user(pki):
    return (f"    client-certificate-data: {b64(pki['client.crt'])}\n"
            f"    client-key-data: {b64(pki['client.key'])}\n")


def exec_user(*args, api="client.authentication.k8s.io/v1"):
    a = ", ".join(json.dumps(x) for x in args)
    return (f"    exec:\n      apiVersion: {api}\n      command: {EXEC_PLUGIN}\n"
            f"      args: [{a}]\n      interactiveMode: Never\n")


def calibrate(fleetsim, kc, out, *extra, timeout=600):
    return run([fleetsim, "calibrate", "--kubeconfig", kc, "--out", out, *extra],
               timeout=timeout)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1


def tempdir():
    return tempfile.TemporaryDirectory(prefix="fleetsim-calibrate-test-")
