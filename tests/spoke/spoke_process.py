"""Helpers of the spoke process tests: certificates made with openssl, a running
`fleetsim spoke`, kubeconfigs, and raw HTTPS requests."""
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import http.client


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def need(program):
    path = shutil.which(program)
    if not path:
        fail(program + " is not installed (scripts/setup installs it); this test cannot be skipped")
    return path


def make_certs(d):
    """CA, server certificate (SAN IP:127.0.0.1, DNS:localhost), client certificate, and a
    client certificate of another CA, in directory d."""
    openssl = need("openssl")

    def run(*args):
        subprocess.run([openssl, *args], check=True, cwd=d, capture_output=True)

    for ca in ("ca", "rogue-ca"):
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=" + ca, "-keyout", ca + ".key", "-out", ca + ".crt")
    with open(os.path.join(d, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    with open(os.path.join(d, "client.ext"), "w") as f:
        f.write("extendedKeyUsage=clientAuth\n")
    for name, ca, subj, ext in (("server", "ca", "/CN=fleetsim-spoke", "server.ext"),
                                ("client", "ca", "/CN=tester/O=system:masters", "client.ext"),
                                ("rogue", "rogue-ca", "/CN=rogue", "client.ext")):
        run("req", "-newkey", "rsa:2048", "-nodes", "-subj", subj, "-keyout", name + ".key",
            "-out", name + ".csr")
        run("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
            "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", name + ".crt")


class Spoke:
    """A running `fleetsim spoke`; urls holds one URL per spoke."""

    def __init__(self, fleetsim, args, cwd=None):
        self.proc = subprocess.Popen([fleetsim, "spoke", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, cwd=cwd)
        self.urls = []
        while True:
            line = self.proc.stdout.readline()
            if not line:
                fail("fleetsim spoke ended before ready: " + self.proc.stderr.read())
            line = line.rstrip("\n")
            if line == "fleetsim spoke: ready":
                break
            prefix = "fleetsim spoke: spoke-%d listening on " % len(self.urls)
            if not line.startswith(prefix):
                fail("unexpected startup line %r (want %r...)" % (line, prefix))
            self.urls.append(line[len(prefix):])

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail("fleetsim spoke did not stop on SIGTERM")
        if code != 0:
            fail("fleetsim spoke exited %d on SIGTERM: %s" % (code, self.proc.stderr.read()))


def request(url, method, path, body=None, headers=None, context=None):
    """(status, headers dict lower-case, body text) of one request."""
    host, port = url.split("://")[1].rsplit(":", 1)
    if url.startswith("https"):
        conn = http.client.HTTPSConnection(host, int(port), context=context, timeout=30)
    else:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode())
    conn.close()
    return out


def tls_context(d, cert=None):
    ctx = ssl.create_default_context(cafile=os.path.join(d, "ca.crt"))
    if cert:
        ctx.load_cert_chain(os.path.join(d, cert + ".crt"), os.path.join(d, cert + ".key"))
    return ctx


def status_of(body):
    try:
        j = json.loads(body)
    except ValueError:
        fail("not a JSON body: %r" % body[:200])
    if j.get("kind") != "Status" or j.get("apiVersion") != "v1":
        fail("not a metav1.Status: %r" % body[:200])
    return j
