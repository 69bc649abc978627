#!/usr/bin/env python3
"""fleetsim calibrate --from-metrics on the hub scrape fixture (tests/calibrate/fixtures,
made by make_fixture.py from known lognormals): the fit recovers each known median and p99
within 4 standard errors; histogram_quantile's p50/p90/p99 lie within the bucket holding the
true quantile; the model loads in a scenario (fleetsim validate, run); bad input exits 2
and writes nothing.

Tolerance: the standard error of ln(median) and ln(p99) comes from the observed
information of the interval-censored likelihood of these very buckets, so it states how
well the bucket resolution (and the number of observations) pins each quantile; 4 SE
leaves a chance below 1e-4 per figure of failing on a correct fit.

    check_from_metrics.py FLEETSIM
"""
import filecmp
import json
import math
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calib  # noqa: E402
import make_fixture  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
SCRAPE = os.path.join(FIXTURES, "hub-scrape.txt")


def true_quantile(median, p99, q):
    from statistics import NormalDist
    sigma = math.log(p99 / median) / calib.Z99
    return median * math.exp(sigma * NormalDist().inv_cdf(q))


def bucket_of(bounds, x):
    lo = 0.0
    for b in bounds:
        if x <= b:
            return lo, b
        lo = b
    return lo, math.inf


def sample_quantile_se(median, p99, q, n):
    """Standard error of the q-quantile of n draws: sqrt(q (1 - q) / n) / density there."""
    from statistics import NormalDist
    sigma = math.log(p99 / median) / calib.Z99
    x = true_quantile(median, p99, q)
    density = NormalDist().pdf(math.log(x / median) / sigma) / (x * sigma)
    return math.sqrt(q * (1 - q) / n) / density


def check_fits(c, model, known):
    fits = {f["target"]: f for f in model["provenance"]["fits"] if f["target"]}
    cases = []
    for name, k in known["controllers"].items():
        family = make_fixture.WORKQUEUE if name == "machinepool" else make_fixture.RECONCILE
        cases.append((f"controllers.{name}.reconcile[0].delay", k, family))
    for verb, k in known["hub"].items():
        cases.append((f"api_servers.hub.latency.{verb}", k, make_fixture.REST))
    for verb, k in known["spoke"].items():
        cases.append((f"fleet.spoke.latency.{verb}", k, make_fixture.REST))
    for target, k, bounds in cases:
        f = fits.get(target)
        c.check(f is not None, f"{target} fitted")
        if f is None:
            continue
        c.check(f["count"] == k["count"], f"{target}: count {f['count']:.0f} = {k['count']}")
        c.recovered(f, target, k["median"], k["p99"])
        # histogram_quantile interpolates within the bucket holding the sample's quantile,
        # which is within 4 sampling SE of the true one: |hq - true| <= width + 4 SE.
        for q, key in ((0.5, "p50_s"), (0.9, "p90_s"), (0.99, "p99_s")):
            t = true_quantile(k["median"], k["p99"], q)
            lo, hi = bucket_of(bounds, f[key])
            tol = (hi - lo) + 4 * sample_quantile_se(k["median"], k["p99"], q, k["count"])
            c.check(abs(f[key] - t) <= tol,
                    f"{target}: histogram_quantile({q}) = {f[key] * 1e3:.2f} ms vs true "
                    f"{t * 1e3:.2f} ms (tolerance: its bucket ({lo * 1e3:g}, {hi * 1e3:g}] ms "
                    f"+ 4 sampling SE = {tol * 1e3:.2f} ms)")
        # The model holds the fitted values (durations rounded to the nanosecond).
        path = target.replace("[0]", ".0").split(".")
        node = model
        for p in path:
            node = node[int(p)] if p.isdigit() else node[p]
        c.check(abs(calib.seconds(node["lognormal"]["median"]) - f["fit_median_s"]) <= 1e-9 and
                abs(calib.seconds(node["lognormal"]["p99"]) - f["fit_p99_s"]) <= 1e-9,
                f"{target}: model value = fitted value")


def check_loads(c, fleetsim, tmp):
    scenario = os.path.join(tmp, "uses-model.json")
    with open(scenario, "w") as f:
        json.dump({
            "environment": "hub",
            "seed": 5,
            "stop": {"when": "drained", "horizon": "1h"},
            "fleet": {"clusters": 0},
            "controllers": {
                "clusterdeployment": {"workers": 20,
                                      "source": {"kind": "poisson", "rate_per_s": 50, "count": 500}},
                "other": {"source": {"kind": "constant", "rate_per_s": 1, "count": 3}}}}, f)
    r = calib.run([fleetsim, "validate", scenario])
    c.check(r.returncode == 0, f"fleetsim validate on a scenario using the model: {r.stdout.strip()} "
            f"{r.stderr.strip()}")
    r = calib.run([fleetsim, "run", scenario, "--out", os.path.join(tmp, "out"), "--quiet"])
    c.check(r.returncode == 0, f"fleetsim run with the model: rc {r.returncode} {r.stderr.strip()}")
    if r.returncode != 0:
        return
    resolved = json.load(open(os.path.join(tmp, "out", "scenario.resolved.json")))
    ctl = resolved["controllers"]
    c.check(sorted(ctl) == ["clusterdeployment", "other"],
            f"the model adds no controller (controllers: {sorted(ctl)})")
    c.check("delay" in ctl["clusterdeployment"]["reconcile"][0] and ctl["other"]["reconcile"] == [],
            "the fitted reconcile reaches the named steps controller only")
    # A Hive controller named like a fitted one keeps its own model (no `reconcile` key).
    hive = os.path.join(tmp, "hive-uses-model.json")
    with open(hive, "w") as f:
        json.dump({"environment": "hub", "fleet": {"clusters": 2},
                   "platform": {"hosts": {"w": {"cores": 4}}},
                   "controllers": {"clustersync": {"type": "hive-clustersync", "host": "w"}}}, f)
    r = calib.run([fleetsim, "validate", hive])
    c.check(r.returncode == 0, "a hive-clustersync controller named like a fitted controller "
            f"validates: {r.stdout.strip()} {r.stderr.strip()}")
    hub = resolved["api_servers"]["hub"]["latency"]
    c.check("lognormal" in hub["GET"], f"api_servers.hub.latency.GET from the model: {hub['GET']}")


def check_bad_input(c, fleetsim, tmp):
    out = os.path.join(tmp, "bad.json")

    def expect_2(args, needle, what):
        r = calib.run([fleetsim, "calibrate"] + args + ["--out", out])
        c.check(r.returncode == 2 and needle in r.stderr and not os.path.exists(out),
                f"{what}: exit {r.returncode}, no file, message: {r.stderr.strip().splitlines()[0] if r.stderr.strip() else ''}")

    missing = os.path.join(tmp, "nope.txt")
    expect_2(["--from-metrics", missing], missing + ": cannot read", "missing scrape")
    broken = os.path.join(tmp, "broken.txt")
    with open(broken, "w") as f:
        f.write("# TYPE a gauge\na 1\na{x=\"1\" 2\n")
    expect_2(["--from-metrics", broken], broken + ":3:9: expected ',' or '}'", "parse error")
    unrelated = os.path.join(tmp, "unrelated.txt")
    with open(unrelated, "w") as f:
        f.write("# TYPE go_goroutines gauge\ngo_goroutines 42\n")
    expect_2(["--from-metrics", unrelated], "no histogram series of", "no matching families")
    expect_2(["--from-metrics", SCRAPE, "--controller", "nosuch"],
             "(found: clusterdeployment, clustersync, machinepool)", "unknown controller")
    expect_2(["--from-metrics", SCRAPE, "--bogus", "1"], "unknown argument", "unknown argument")
    r = calib.run([fleetsim, "calibrate", "--from-metrics", SCRAPE,
                   "--out", os.path.join(tmp, "no", "dir", "m.json")])
    c.check(r.returncode == 2 and "no such directory" in r.stderr,
            f"output directory missing: exit {r.returncode}: {r.stderr.strip()}")
    c.check(not [n for n in os.listdir(tmp) if ".tmp-" in n], "no temporary file left behind")


def main():
    fleetsim = os.path.abspath(sys.argv[1])
    c = calib.Checker()
    with tempfile.TemporaryDirectory() as tmp:
        make_fixture.main(tmp)
        same = all(filecmp.cmp(os.path.join(tmp, n), os.path.join(FIXTURES, n), shallow=False)
                   for n in ("hub-scrape.txt", "hub-scrape.known.json"))
        c.check(same, "the committed fixture is what make_fixture.py writes")
        os.makedirs(os.path.join(tmp, "models"))
        model_file = os.path.join(tmp, "models", "hub.json")
        r = calib.run([fleetsim, "calibrate", "--from-metrics", SCRAPE, "--out", model_file])
        print(r.stdout, end="")
        c.check(r.returncode == 0, f"calibrate exits 0 {r.stderr.strip()}")
        if r.returncode != 0:
            return c.done()
        model = json.load(open(model_file))
        known = json.load(open(os.path.join(FIXTURES, "hub-scrape.known.json")))
        prov = model["provenance"]
        c.check(prov["source"] == "hub-scrape.txt" and prov["date"] == "2020-07-16" and
                prov["format"] == "Prometheus text 0.0.4",
                f"provenance: {prov['source']}, {prov['date']}, {prov['format']}")
        check_fits(c, model, known)
        check_loads(c, fleetsim, tmp)
        check_bad_input(c, fleetsim, tmp)
    return c.done()


if __name__ == "__main__":
    sys.exit(main())
