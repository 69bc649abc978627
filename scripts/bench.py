#!/usr/bin/env python3
"""Benchmarks (see scripts/bench). Whole-process wall time and peak RSS are measured with
GNU time's rusage for every program alike; each figure is the median of RUNS runs."""
import json
import os
import statistics
import subprocess
import sys
import tempfile

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
FLEETSIM = "build/fleetsim"
ORACLE = "build/tests/oracle/ssi_drain_oracle"
SIMPY = ["/usr/bin/python3", "scripts/peers/ssi_drain_simpy.py"]
TARGETS = {"row_a_wall_s": 2.0, "row_a_rss_mb": 150, "scale_wall_s": 30.0, "scale_rss_mb": 1024,
           "drain_vs_simpy": 10.0, "drain_vs_floor": 5.0}


def measure(cmd):
    """Runs cmd RUNS times; returns (median wall s, median peak RSS MB, last stdout)."""
    walls, rss, out = [], [], ""
    for _ in range(RUNS):
        with tempfile.NamedTemporaryFile("r") as t:
            p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name] + cmd,
                               capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit(f"bench: {' '.join(cmd)} failed:\n{p.stderr}")
            wall, kb = t.read().split()[-2:]
        walls.append(float(wall))
        rss.append(int(kb) / 1024)
        out = p.stdout
    return statistics.median(walls), statistics.median(rss), out


def fleetsim(scenario, tmp):
    out = os.path.join(tmp, "out")
    wall, rss, _ = measure([FLEETSIM, "run", scenario, "--out", out, "--quiet"])
    summary = json.load(open(os.path.join(out, "summary.json")))
    return wall, rss, summary


def main():
    check = "--check" in sys.argv
    r = {"runs": RUNS}
    with tempfile.TemporaryDirectory() as tmp:
        w, m, s = fleetsim("scenarios/hive/ssi-2020-A-client-side-5-workers-m4xlarge.json", tmp)
        r["row_a"] = {"wall_s": w, "rss_mb": m, "events": s["run"]["events"],
                      "virtual_s": s["virtual_seconds"], "applies": s["applies"]["total"]}
        w, m, s = fleetsim("scenarios/scale/hive-10k-clusters-100-syncsets.json", tmp)
        r["scale_1m_ssis"] = {"wall_s": w, "rss_mb": m, "events": s["run"]["events"],
                              "virtual_s": s["virtual_seconds"], "applies": s["applies"]["total"]}
        w, m, s = fleetsim("scenarios/bench/ssi-drain.json", tmp)
        drain = {"fleetsim": {"wall_s": w, "rss_mb": m, "drain_s": s["virtual_seconds"],
                              "events": s["run"]["events"]}}
    for name, cmd in (("simpy", SIMPY), ("oracle", [ORACLE])):
        w, m, out = measure(cmd)
        d = json.loads(out.strip().splitlines()[-1])
        drain[name] = {"wall_s": w, "rss_mb": m, "drain_s": d["drain_seconds"],
                       "events": d.get("events")}
    drain["fleetsim_speedup_vs_simpy"] = drain["simpy"]["wall_s"] / drain["fleetsim"]["wall_s"]
    drain["fleetsim_slowdown_vs_floor"] = drain["fleetsim"]["wall_s"] / drain["oracle"]["wall_s"]
    r["ssi_drain"] = drain
    verdicts = {
        "row A <= 2 s": r["row_a"]["wall_s"] <= TARGETS["row_a_wall_s"],
        "row A <= 150 MB": r["row_a"]["rss_mb"] <= TARGETS["row_a_rss_mb"],
        "1M SSIs <= 30 s": r["scale_1m_ssis"]["wall_s"] <= TARGETS["scale_wall_s"],
        "1M SSIs <= 1 GB": r["scale_1m_ssis"]["rss_mb"] <= TARGETS["scale_rss_mb"],
        "drain >= 10x SimPy": drain["fleetsim_speedup_vs_simpy"] >= TARGETS["drain_vs_simpy"],
        "drain within 5x floor": drain["fleetsim_slowdown_vs_floor"] <= TARGETS["drain_vs_floor"],
    }
    r["targets_met"] = verdicts
    print(f"{'benchmark':34} {'wall s':>8} {'peak MB':>8} {'virtual s / drain s':>20}")
    print(f"{'(1) Hive row A, first pass':34} {r['row_a']['wall_s']:8.2f} "
          f"{r['row_a']['rss_mb']:8.0f} {r['row_a']['virtual_s']:20.0f}")
    print(f"{'(2) 1M SSIs, first pass':34} {r['scale_1m_ssis']['wall_s']:8.2f} "
          f"{r['scale_1m_ssis']['rss_mb']:8.0f} {r['scale_1m_ssis']['virtual_s']:20.0f}")
    for name in ("fleetsim", "simpy", "oracle"):
        d = drain[name]
        print(f"{'(3) 60k drain, ' + name:34} {d['wall_s']:8.2f} {d['rss_mb']:8.0f} "
              f"{d['drain_s']:20.1f}")
    print(f"fleetsim vs SimPy: {drain['fleetsim_speedup_vs_simpy']:.1f}x faster; "
          f"vs the hand-written floor: {drain['fleetsim_slowdown_vs_floor']:.1f}x slower")
    for k, ok in verdicts.items():
        print(f"  {'met    ' if ok else 'MISSED '} {k}")
    os.makedirs("results/bench", exist_ok=True)
    with open("results/bench/bench.json", "w") as f:
        json.dump(r, f, indent=2)
    print("results/bench/bench.json")
    if check:
        return check_against_last(r)
    return 0


def check_against_last(r):
    """--check: compare fleetsim's speed, as a ratio to the in-run floor (so machine speed
    cancels), with the recorded reference in docs/performance-baseline.json."""
    ref_path = "docs/performance-baseline.json"
    if not os.path.exists(ref_path):
        print(f"bench --check: no {ref_path}; record one by copying results/bench/bench.json")
        return 2
    ref = json.load(open(ref_path))
    now = r["ssi_drain"]["fleetsim_slowdown_vs_floor"]
    was = ref["ssi_drain"]["fleetsim_slowdown_vs_floor"]
    ok = now <= was * 1.10
    print(f"bench --check: fleetsim/floor {now:.2f} vs recorded {was:.2f} "
          f"({'ok' if ok else 'REGRESSED by more than 10 %'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
