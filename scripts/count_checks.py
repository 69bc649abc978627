#!/usr/bin/env python3
"""Counts individual checks in a meson testlog.json: GoogleTest cases and the
'N passed, M failed' lines of our Python test drivers; prints one total line.
Usage: count_checks.py TESTLOG_JSON [LOG...]: each further LOG (e.g. scripts/fuzz's
output) adds its last 'N passed, M failed' line, or one failure if it has none."""
import json
import re
import sys

passed = failed = 0
for line in open(sys.argv[1]):
    t = json.loads(line)
    out = t.get("stdout") or ""
    gp = re.search(r"^\[  PASSED  \] (\d+) tests?", out, re.M)
    gf = re.search(r"^\[  FAILED  \] (\d+) tests?, listed below", out, re.M)
    plain = re.findall(r"^(\d+) passed, (\d+) failed$", out, re.M)
    if gp or gf:
        passed += int(gp.group(1)) if gp else 0
        failed += int(gf.group(1)) if gf else 0
    elif plain:
        passed += int(plain[-1][0])
        failed += int(plain[-1][1])
    elif t.get("result") == "OK":
        passed += 1
    else:
        failed += 1
for extra in sys.argv[2:]:
    plain = re.findall(r"^(\d+) passed, (\d+) failed$", open(extra).read(), re.M)
    if plain:
        passed += int(plain[-1][0])
        failed += int(plain[-1][1])
    else:
        failed += 1
print(f"{passed} passed, {failed} failed")
