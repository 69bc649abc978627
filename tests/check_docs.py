#!/usr/bin/env python3
"""docs/scenario-format.md must equal `fleetsim help scenario` (generated from the schema).
Regenerate with: build/fleetsim help scenario > docs/scenario-format.md"""
import subprocess
import sys

generated = subprocess.run([sys.argv[1], "help", "scenario"], capture_output=True, text=True,
                           check=True).stdout
committed = open("docs/scenario-format.md").read()
ok = generated == committed
print(("ok   " if ok else "FAIL ") + "docs/scenario-format.md matches the schema"
      + ("" if ok else " (regenerate: build/fleetsim help scenario > docs/scenario-format.md)"))
print(f"{int(ok)} passed, {int(not ok)} failed")
sys.exit(0 if ok else 1)
