"""Helpers of the sweep tests: run fleetsim, read outputs."""
import json
import os
import subprocess
import sys
import tempfile


def run(args, expect=0):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != expect:
        print(f"FAIL {' '.join(args)}: exit {p.returncode}, expected {expect}\n{p.stdout}\n{p.stderr}")
        sys.exit(1)
    return p


def variant(src, dst_dir, name, **changes):
    """A copy of sweep file src with top-level keys changed; base kept relative to src."""
    with open(src) as f:
        text = "\n".join(l for l in f.read().splitlines() if not l.lstrip().startswith("//"))
    j = json.loads(text)
    j["base"] = os.path.relpath(os.path.join(os.path.dirname(src), j["base"]), dst_dir)
    for k, v in changes.items():
        if v is None:
            j.pop(k, None)
        else:
            j[k] = v
    path = os.path.join(dst_dir, name)
    with open(path, "w") as f:
        json.dump(j, f, indent=2)
    return path


def load(d):
    with open(os.path.join(d, "sweep.json")) as f:
        return json.load(f)


def tmpdir():
    return tempfile.mkdtemp(prefix="fleetsim-sweep-test-")
