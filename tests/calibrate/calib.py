"""Shared helpers of the calibration tests: run fleetsim, read durations, compare a fit with
the distribution it should recover."""
import math
import os
import re
import subprocess

Z99 = 2.3263478740408408
UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


def run(cmd, env_extra=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1594857600")
    env.update(env_extra or {})
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def seconds(text):
    """A Go duration string ("1.5s", "119.9ms", "1m30s") in seconds."""
    total = 0.0
    for number, unit in re.findall(r"([0-9.]+)(ns|us|µs|ms|s|m|h)", text):
        total += float(number) * UNITS[unit]
    return total


class Checker:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, ok, text):
        print(("ok   " if ok else "FAIL ") + text)
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def recovered(self, fit, name, median, p99, k=4.0):
        """The fit's median and p99 within k standard errors (of ln q, from the observed
        information of the bucket counts) of the known values."""
        for what, known, got, se in (("median", median, fit["fit_median_s"], fit["fit_se_ln_median"]),
                                     ("p99", p99, fit["fit_p99_s"], fit["fit_se_ln_p99"])):
            if se is None or got is None:
                self.check(False, f"{name}: {what} has no fit / standard error")
                continue
            dev = abs(math.log(got / known))
            self.check(dev <= k * se,
                       f"{name}: {what} {got * 1e3:.3f} ms vs known {known * 1e3:.3f} ms "
                       f"({(got / known - 1) * 100:+.2f} %, {dev / se:.2f} SE; tolerance {k:g} SE: "
                       f"within a factor {math.exp(k * se):.4f})")

    def done(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
