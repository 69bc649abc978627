#!/usr/bin/env python3
"""Every scenario under scenarios/ must be a test: it needs tests/scenario/expected/<path>
(same relative path) listing expected figures. Run from the repository root."""
import os
import sys

missing = []
count = 0
for root, _, files in os.walk("scenarios"):
    for f in sorted(files):
        if not f.endswith(".json") or root.startswith("scenarios/bench"):
            continue
        if f.startswith("sweep-"):
            continue  # a sweep file (docs/sweeps.md), not a scenario: tests/sweep covers it
        rel = os.path.relpath(os.path.join(root, f), "scenarios")
        count += 1
        if not os.path.exists(os.path.join("tests/scenario/expected", rel)):
            missing.append(rel)
for m in missing:
    print(f"FAIL scenarios/{m} has no tests/scenario/expected/{m}")
print(f"{count - len(missing)} passed, {len(missing)} failed")
sys.exit(1 if missing else 0)
