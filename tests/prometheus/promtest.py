"""Shared helpers of the Prometheus tests: a real Prometheus server on 127.0.0.1 that
each test starts and stops itself (bounded time), PromQL over its HTTP API, checks that
count towards the 'N passed, M failed' line."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

EPOCH = 1594857600  # virtual time 0 in metrics.om (2020-07-16T00:00:00Z)


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok

    def close(self, expected_at_least=1):
        if self.passed + self.failed < expected_at_least:
            self.check(False, f"at least {expected_at_least} checks ran")
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def need(program):
    path = shutil.which(program)
    if not path:
        print(f"FAIL {program} not found: install the Debian package 'prometheus' "
              "(scripts/setup does)")
        print("0 passed, 1 failed")
        sys.exit(1)
    return path


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=5, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, dict(r.headers), r.read().decode()


class Prometheus:
    """prometheus on 127.0.0.1:<free port> over `data_dir`, with `config` (YAML text)."""

    def __init__(self, workdir, data_dir, config, startup_timeout=60):
        self.workdir = workdir
        cfg = os.path.join(workdir, "prometheus.yml")
        with open(cfg, "w") as f:
            f.write(config)
        self.log = open(os.path.join(workdir, "prometheus.log"), "w")
        for _ in range(5):  # a free port can be taken between the probe and the bind
            self.port = free_port()
            self.proc = subprocess.Popen(
                [need("prometheus"), "--config.file=" + cfg, "--storage.tsdb.path=" + data_dir,
                 "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:%d"
                 % self.port, "--log.level=warn"],
                stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
            if self._wait_ready(startup_timeout):
                return
            self.stop()
        raise RuntimeError("prometheus did not start; see " + self.log.name)

    def _wait_ready(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                if http_get(self.url("/-/ready"), timeout=2)[0] == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def query(self, promql, at=None):
        """Instant query; returns [(labels, value)] (value as float)."""
        params = {"query": promql}
        if at is not None:
            params["time"] = "%.3f" % at
        _, _, body = http_get(self.url("/api/v1/query?" + urllib.parse.urlencode(params)),
                              timeout=30)
        data = json.loads(body)
        if data.get("status") != "success":
            raise RuntimeError(f"{promql}: {body}")
        result = data["data"]["result"]
        if data["data"]["resultType"] == "scalar":
            return [({}, float(result[1]))]
        return [(r["metric"], float(r["value"][1])) for r in result]

    def stop(self, timeout=30):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log.close()


def close(a, b, rel=1e-5, abs_=1e-9):
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))
