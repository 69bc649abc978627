"""Fault injection, latency and bad input of `fleetsim spoke`, over plain HTTP with raw
requests: 429 with Retry-After on every 2nd matching request, seeded 500s (same seed, same
sequence; failed creates leave nothing), connection reset, malformed bodies, delay, the
default resource=configmaps (namespaces untouched), and exit 2 with a precise message for
bad --fault specs, a missing or bad --model and plain HTTP off loopback.

usage: check_faults.py FLEETSIM"""
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spoke_process import Spoke, fail, request, status_of  # noqa

checks = 0
JSON = {"Content-Type": "application/json"}


def check(cond, message):
    global checks
    checks += 1
    if not cond:
        fail(message)


def cm(name):
    return json.dumps({"apiVersion": "v1", "kind": "ConfigMap",
                       "metadata": {"name": name}, "data": {"k": "v"}})


def ns_body(name):
    return json.dumps({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})


def with_spoke(fleetsim, args, body):
    s = Spoke(fleetsim, args)
    try:
        return body(s.urls[0])
    finally:
        s.stop()


def bad_input(fleetsim, args, want):
    r = subprocess.run([fleetsim, "spoke", *args], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2 and want in r.stderr and "ready" not in r.stdout,
          "fleetsim spoke %s: exit %d, stderr %r (want 2 and %r)" %
          (" ".join(args), r.returncode, r.stderr, want))


def every_second_429(url):
    check(request(url, "POST", "/api/v1/namespaces", ns_body("t"), JSON)[0] == 201, "ns create")
    statuses = []
    for i in range(4):
        status, headers, body = request(url, "POST", "/api/v1/namespaces/t/configmaps",
                                        cm("c%d" % i), JSON)
        statuses.append(status)
        if status == 429:
            s = status_of(body)
            check(headers.get("retry-after") == "2" and s["reason"] == "TooManyRequests" and
                  s["code"] == 429, "429 answer %r %r" % (headers, body))
    check(statuses == [201, 429, 201, 429], "every=2 gave %r" % statuses)
    for _ in range(3):
        check(request(url, "GET", "/api/v1/namespaces/t")[0] == 200,
              "a namespace request was hit by a configmaps fault")
    items = json.loads(request(url, "GET", "/api/v1/namespaces/t/configmaps")[2])["items"]
    check([i["metadata"]["name"] for i in items] == ["c0", "c2"],
          "a rejected create was stored: %r" % items)


def seeded_500s(url):
    request(url, "POST", "/api/v1/namespaces", ns_body("t"), JSON)
    seq = [request(url, "POST", "/api/v1/namespaces/t/configmaps", cm("c%d" % i), JSON)[0]
           for i in range(40)]
    created = json.loads(request(url, "GET", "/api/v1/namespaces/t/configmaps")[2])["items"]
    check(len(created) == seq.count(201), "stored %d, created %d" % (len(created), seq.count(201)))
    return seq


def reset_after_one(url):
    request(url, "POST", "/api/v1/namespaces", ns_body("t"), JSON)
    check(request(url, "POST", "/api/v1/namespaces/t/configmaps", cm("a"), JSON)[0] == 201,
          "first request before after=1")
    try:
        status = request(url, "GET", "/api/v1/namespaces/t/configmaps/a")[0]
        check(False, "after=1 answered %d instead of resetting" % status)
    except (ConnectionError, http.client.HTTPException):
        check(True, "")


def malformed_get(url):
    request(url, "POST", "/api/v1/namespaces", ns_body("t"), JSON)
    request(url, "POST", "/api/v1/namespaces/t/configmaps", cm("a"), JSON)
    status, _, body = request(url, "GET", "/api/v1/namespaces/t/configmaps/a")
    try:
        json.loads(body)
        check(False, "malformed GET body parsed: %r" % body)
    except ValueError:
        check(status == 200, "malformed answer status %d" % status)
    status, _, body = request(url, "GET", "/api/v1/namespaces/t/configmaps")
    check(status == 200 and json.loads(body)["kind"] == "ConfigMapList",
          "a LIST was hit by a verb=GET fault")


def delayed(url):
    start = time.monotonic()
    status = request(url, "GET", "/api/v1/namespaces/default")[0]
    took = time.monotonic() - start
    check(status == 200 and took >= 0.4, "delay:duration=400ms took %.3f s" % took)


def watch_stream(url):
    """A raw watch: the stream delivers a create made after it started, then ends at
    timeoutSeconds with the last chunk."""
    request(url, "POST", "/api/v1/namespaces", ns_body("t"), JSON)
    host, port = url.split("://")[1].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", "/api/v1/namespaces/t/configmaps?watch=true&timeoutSeconds=2")
    r = conn.getresponse()
    check(r.status == 200 and r.getheader("Transfer-Encoding") == "chunked", "watch answer")
    request(url, "POST", "/api/v1/namespaces/t/configmaps", cm("w"), JSON)
    start = time.monotonic()
    events = [json.loads(line) for line in r.read().decode().splitlines()]
    check(time.monotonic() - start < 10, "the watch did not end at timeoutSeconds")
    check([(e["type"], e["object"]["metadata"]["name"]) for e in events] == [("ADDED", "w")],
          "watch events %r" % events)
    conn.close()


def main():
    fleetsim = os.path.abspath(sys.argv[1])
    with_spoke(fleetsim, ["--fault", "429:retry-after=2,every=2"], every_second_429)
    a = with_spoke(fleetsim, ["--seed", "7", "--fault", "500:verb=POST,probability=0.5"],
                   seeded_500s)
    b = with_spoke(fleetsim, ["--seed", "7", "--fault", "500:verb=POST,probability=0.5"],
                   seeded_500s)
    check(a == b, "same seed, different fault sequence")
    check(5 <= a.count(500) <= 35, "probability=0.5 gave %d of 40" % a.count(500))
    with_spoke(fleetsim, ["--fault", "reset:after=1"], reset_after_one)
    with_spoke(fleetsim, [], watch_stream)
    with_spoke(fleetsim, ["--fault", "malformed:verb=GET"], malformed_get)
    with_spoke(fleetsim, ["--fault", "delay:duration=400ms,resource=namespaces"], delayed)
    with tempfile.TemporaryDirectory() as d:
        stats = os.path.join(d, "stats.json")
        with_spoke(fleetsim, ["--fault", "500:resource=*", "--stats-out", stats],
                   lambda url: request(url, "GET", "/version"))
        with open(stats) as f:
            st = json.load(f)["spokes"][0]
        check(st["faults_fired"] == 1 and st["requests"] == {"GET": 1},
              "stats after one faulty /version: %r" % st)
        # A latency model is applied: constant 300 ms for GET (discovery too), none for LIST.
        model = os.path.join(d, "slow-get.json")
        with open(model, "w") as f:
            f.write('{"default": "0s", "GET": {"constant": "300ms"}}\n')

        def slow_get(url):
            start = time.monotonic()
            request(url, "GET", "/api/v1/namespaces/default")
            request(url, "GET", "/version")
            took = time.monotonic() - start
            check(took >= 0.6, "two GETs with a 300 ms model took %.3f s" % took)

        with_spoke(fleetsim, ["--model", model], slow_get)
        bad_model = os.path.join(d, "bad.json")
        with open(bad_model, "w") as f:
            f.write('{\n  "GET": {"lognormal": {"median": "20ms", "p99": "1ms"}}\n}\n')
        bad_input(fleetsim, ["--model", bad_model], bad_model + ":2:")
    bad_input(fleetsim, ["--fault", "503"], 'unknown fault kind "503"')
    bad_input(fleetsim, ["--fault", "500:probability=2"], "probability must be a number in (0, 1]")
    bad_input(fleetsim, ["--fault", "delay"], "a delay needs duration=DURATION")
    bad_input(fleetsim, ["--fault", "429:every=0"], "every must be >= 1")
    bad_input(fleetsim, ["--fault", "500:verb=FETCH"], 'unknown verb "FETCH"')
    bad_input(fleetsim, ["--fault", "500:every=2,after=3"], "at most one trigger")
    bad_input(fleetsim, ["--fault", "500:colour=red"], 'unknown key "colour"')
    bad_input(fleetsim, ["--model", "no-such-model"], 'no latency model "no-such-model"')
    bad_input(fleetsim, ["--listen", "0.0.0.0:0"], "needs --insecure-http")
    bad_input(fleetsim, ["--tls-cert", "x.crt"], "--tls-cert and --tls-key go together")
    print("%d checks passed" % checks)


if __name__ == "__main__":
    main()
