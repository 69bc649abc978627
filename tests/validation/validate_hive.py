#!/usr/bin/env python3
"""Hive 2020 validation: rows A-D of shared/reference/hive-2020.md against fleetsim.

usage: validate_hive.py FLEETSIM [--write-doc docs/validation.md | --check-doc docs/validation.md]

Runs the four row scenarios (each in its own fleetsim process), extracts every observed
quantity from the results, and compares it with the reference: within +-25 % of the
observed value (the centre of the band where the reference gives a range). Quantities
that the model cannot meet are listed in KNOWN_MISSES with the reason; such a quantity
is reported as MISSED with its numbers. The test fails when a quantity outside
KNOWN_MISSES leaves its band, or when a known miss starts passing (so the list and
docs/validation.md are kept true). With --write-doc it writes docs/validation.md from
these numbers (never typed by hand); with --check-doc it fails when the committed doc is
not what --write-doc would write now.
"""
import os
import sys
import tempfile

from hive_runs import (SSI, noop_cost_ms, pass_end_of, pass_rates, reconcile_rates, run,
                       value_at)

TOLERANCE = 0.25
ROWS = {
    "A": "scenarios/hive/ssi-2020-A-client-side-5-workers-m4xlarge.json",
    "B": "scenarios/hive/ssi-2020-B-server-side-5-workers-m4xlarge.json",
    "C": "scenarios/hive/ssi-2020-C-server-side-5-workers-c5-24xlarge.json",
    "D": "scenarios/hive/ssi-2020-D-server-side-100-workers-c5-24xlarge.json",
}

# (row, quantity) -> why the model misses it. Keep in step with docs/validation.md.
KNOWN_MISSES = {
    ("C", "SSI reconcile rate (/s), result=requeue_after"):
        "the model applies {C_ssi_rate:.1f} SSIs/s ({C_apply_rate:.0f} applies/s, matching the "
        "observed 190/s), each "
        "reconciled once during the pass: the no-op reconcile caused by each status write "
        "reaches the head of the 60,000-item FIFO queue only after the pass. The observed "
        "30 reconciles/s for 19 SSIs/s needs extra reconciles the reference does not explain. "
        "As for row D, a restart that found part of the SSIs up to date would add them: "
        "{C_fresh:.0%} of the SSIs, applied by row B's run just before ({C_b_minutes:.0f} min "
        "at the model's {B_ssi_rate:.1f} SSIs/s), would give 30 reconciles/s at "
        "{C_ssi_rate:.1f} applied SSIs/s. Run with that history (`--set "
        "hive.restart_up_to_date.fraction={C_fresh:.3f} --set "
        "hive.restart_up_to_date.over={C_b_minutes:.0f}m`), the model gives "
        "{C_hist_rate:.1f} reconciles/s, {C_hist_applies:.0f} applies/s and "
        "{C_hist_cores:.1f} cores (observed 30, 190, 5). The reference does not say how long "
        "row B ran, so the row itself starts with every SSI due.",
    ("D", "SSI reconcile rate (/s), result=requeue_after"):
        "bound by the hub client: every SSI that is applied writes its status (one PUT; the "
        "status always changes because each resource's LastProbeTime does), and the 2020 "
        "client is 20 QPS / burst 30 per controller (reference). In Hive's code of July 2020 "
        "(controller-runtime v0.6.0) that bucket belongs to the controller's REST client for "
        "SyncSetInstances, which both the finalizer and the status PUTs use. So at most "
        "30 + 20 x 960 = 19,230 SSIs can be applied in 16 min, not 60,000; the model, "
        "starting with every SSI due, applies {D_ssi_rate:.1f} SSIs/s.",
    ("D", "60,000-item queue drain (min)"):
        "same bound: 60,000 status PUTs at 20 QPS take 50 min (model: {D_pass_min:.1f} min). "
        "The observed 16 min is "
        "possible only if about two thirds of the SSIs were up to date at the restart and "
        "wrote no status; see the consistency check below.",
    ("D", "cores while draining"):
        "same bound: at {D_ssi_rate:.1f} SSIs/s the work needs {D_cores:.1f} cores, not 11.",
}


def rate_rows(rates, observed, window=""):
    return [(f"SSI reconcile rate (/s){window}, result={result}", observed, rate)
            for result, rate in sorted(rates.items())]


def quantities(row, s, ts):
    h = s["hosts"]["hub-worker"]
    apply_mean = s["applies"]["seconds"]["mean"]
    pass_end = pass_end_of(s)
    if row == "A":
        ss = s["controllers"]["syncset"]
        return [
            ("syncset queue peak", 820, ss["queue_depth"]["peak"]),
            ("syncset queue drained (min after start)", 50,
             (ss["queue_drained_at_s"] or float("nan")) / 60),
            ("SSI queue depth at 50 min", 60000, value_at(ts, SSI + ".queue_depth", 3000)),
            *rate_rows(reconcile_rates(s, 3000, 18000), 0.9, ", 50 min - 5 h"),
            ("per-resource apply (s)", (0.54 + 0.71) / 2, apply_mean),
            ("hub CPU (cores)", 2.4, h["cores_used"]["mean"]),
        ]
    if row == "B":
        return [*rate_rows(pass_rates(s), 10),
                ("per-resource apply (s)", 0.03, apply_mean),
                ("hub CPU (cores)", 2.7, h["cores_used"]["mean"])]
    if row == "C":
        return [("per-resource apply (s)", 0.02, apply_mean),
                ("applies (/s)", 190, s["applies"]["total"] / pass_end),
                *rate_rows(pass_rates(s), 30),
                ("hub CPU (cores)", 5, h["cores_used"]["mean"])]
    return [*rate_rows(pass_rates(s), 90),
            ("60,000-item queue drain (min)", 16, pass_end / 60),
            ("cores while draining", 11, h["cores_used"]["mean"])]


def facts(row, s, ts):
    """Figures the reasons of KNOWN_MISSES and the doc quote, taken from the same runs."""
    hive = s["systems"]["hive"]
    pass_end = pass_end_of(s)
    ssi_rate = hive["full_applies"] / pass_end
    if row == "A":
        rates = reconcile_rates(s, 3000, 18000)
        return {"A_rate_sum": sum(rates.values()),
                "A_rates": ", ".join(f"{k} {v:.2f}/s" for k, v in sorted(rates.items())),
                "A_ssi_rate": ssi_rate, "A_pass_h": pass_end / 3600}
    if row == "B":
        return {"B_ssi_rate": ssi_rate}
    if row == "C":
        return {"C_ssi_rate": ssi_rate, "C_apply_rate": s["applies"]["total"] / pass_end,
                "C_fresh": 1 - ssi_rate / 30}
    if row == "D":
        return {"D_ssi_rate": ssi_rate, "D_pass_min": pass_end / 60,
                "D_cores": s["hosts"]["hub-worker"]["cores_used"]["mean"]}
    return {}


def fmt(v):
    return f"{v:,.3g}" if abs(v) < 1000 else f"{v:,.0f}"


def main():
    fleetsim = sys.argv[1]
    doc = option("--write-doc") or option("--check-doc")
    results, found = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for row, scenario in ROWS.items():
            s, ts = run(fleetsim, scenario, os.path.join(tmp, row))
            found.update(facts(row, s, ts))
            for name, observed, simulated in quantities(row, s, ts):
                err = (simulated - observed) / observed
                within = abs(err) <= TOLERANCE
                results.append((row, name, observed, simulated, err, within))
    failed = passed = 0
    for row, name, observed, simulated, err, within in results:
        known = (row, name) in KNOWN_MISSES
        if within and not known:
            status, ok = "ok", True
        elif not within and known:
            status, ok = "MISSED (known)", True
        elif within and known:
            status, ok = "FAIL: passes now, update KNOWN_MISSES and the doc", False
        else:
            status, ok = "FAIL: outside the band", False
        print(f"{'ok  ' if ok else 'FAIL'} {row} {name}: observed {fmt(observed)}, "
              f"simulated {fmt(simulated)} ({err:+.0%}) {status}")
        passed += ok
        failed += not ok
    if doc:
        found["C_b_minutes"] = found["C_fresh"] * 60000 / found["B_ssi_rate"] / 60
        found.update(c_with_history(fleetsim, found))
        if option("--write-doc"):
            write_doc(doc, results, fleetsim, found)
        else:
            current = check_doc(doc, results, fleetsim, found)
            passed += current
            failed += not current
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def option(name):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


def check_doc(path, results, fleetsim, found):
    """True when the committed doc equals the one these runs generate."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "validation.md")
        write_doc(fresh, results, fleetsim, found)
        same = open(fresh).read() == open(path).read()
    print(("ok   " if same else "FAIL ") + f"{path} is what these runs generate" +
          ("" if same else f" (regenerate: {sys.argv[0]} {fleetsim} --write-doc {path})"))
    return same


def write_doc(path, results, fleetsim, found):
    hit = sum(1 for r in results if r[5])
    lines = [
        "# Validation: the Hive 2020 scale test",
        "",
        "Generated by `tests/validation/validate_hive.py build/fleetsim --write-doc "
        "docs/validation.md` from fresh runs; the test `hive_2020_validation` (in "
        "`scripts/test`) runs the same comparison and fails when this page is not what the "
        "runs generate. Observations: "
        "`shared/reference/hive-2020.md` (the July 2020 notes of Hive's "
        "`hack/scaletest/README.md`). A quantity passes when the simulation is within "
        f"±{TOLERANCE:.0%} of the observed value (the centre where a range was reported).",
        "",
        "One environment model per hub machine (`models/hive-2020-m4xlarge.json`, "
        "`models/hive-2020-c5-24xlarge.json`, differing only in cores and per-core speed; "
        "each parameter is annotated with the observation it comes from). The row scenarios "
        "differ only in what the experiment changed: apply mode, workers, hub machine; "
        "rows B-D start from the day-2 pod restart (every SSI exists and is due), row A "
        "from the adoption of 1,000 clusters. The test "
        "`hive_rows_differ_only_in_what_the_experiment_changed` checks it: row D with "
        "`--set controllers.syncsetinstance.workers=5` and row B with `--set "
        "environment=hive-2020-c5-24xlarge` give row C's results byte for byte.",
        "",
        f"**{hit} of {len(results)} quantities are within their band.**",
        "",
        "| row | quantity | observed | simulated | error | result |",
        "|---|---|---|---|---|---|",
    ]
    for row, name, observed, simulated, err, within in results:
        lines.append(f"| {row} | {name} | {fmt(observed)} | {fmt(simulated)} | {err:+.0%} | "
                     f"{'within band' if within else '**missed**'} |")
    lines += ["", "**How the SSI reconcile rate is read.** The scale test graphed "
              "`rate(controller_runtime_reconcile_total[1m])`. controller-runtime labels "
              "every reconcile with its `result` (`success`, `error`, `requeue`, "
              "`requeue_after`) and a Prometheus graph of that query draws one line per "
              "series, so the table compares each line of the SSI controller that carries "
              "reconciles (the same series are in each run's `metrics.om`). In row A two "
              "lines do: `success` is the finalizer reconcile every new SSI gets first "
              "(Hive returns an empty Result after the finalizer PUT), `requeue_after` is "
              "the full apply (Result.RequeueAfter = 2 h + jitter). Between 50 min and 5 h "
              f"the model gives {found['A_rates']}; their sum, "
              f"{found['A_rate_sum']:.2f}/s, is no line of the graph (read as one rate it "
              f"{'is within' if abs(found['A_rate_sum'] / 0.9 - 1) <= TOLERANCE else 'misses'}"
              " the band). The model's full applies run at "
              f"{found['A_ssi_rate']:.2f} SSIs/s over the whole first pass, which ends after "
              f"{found['A_pass_h']:.0f} h. Rows B-D start from a restart: every SSI has its "
              "finalizer, and only `requeue_after` carries reconciles."]
    lines += ["", "## Quantities the model misses, and why", ""]
    for (row, name), why in KNOWN_MISSES.items():
        lines.append(f"- **{row}, {name}**: {why.format(**found)}")
    with tempfile.TemporaryDirectory() as tmp:
        history = history_section(fleetsim, tmp)
        section = clustersync_section(fleetsim, tmp)
    lines += ["", "## Row D with the history its drain implies (a consistency check)", "",
              history]
    lines += ["", "## The ClusterSync era (no observations to compare with)", "", section, ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def c_with_history(fleetsim, found):
    """Row C restarted with the SSIs row B would have applied just before it."""
    with tempfile.TemporaryDirectory() as tmp:
        s, _ = run(fleetsim, ROWS["C"], tmp,
                   ["--set", f"hive.restart_up_to_date.fraction={found['C_fresh']:.3f}",
                    "--set", f"hive.restart_up_to_date.over={found['C_b_minutes']:.0f}m"])
    pass_end = pass_end_of(s)
    return {"C_hist_rate": sum(pass_rates(s).values()),
            "C_hist_applies": s["applies"]["total"] / pass_end,
            "C_hist_cores": s["hosts"]["hub-worker"]["cores_used"]["mean"]}


HISTORY = "scenarios/hive/ssi-restart-68-percent-up-to-date-100-workers.json"
COSTLY_INFO_MS = 15  # the Info cost tried in the history section's reading


def history_section(fleetsim, tmp):
    """Row D restarted with the SSIs row C had just applied: not a validation row."""
    s, ts = run(fleetsim, HISTORY, os.path.join(tmp, "history"))
    rows = quantities("D", s, ts)
    hive = s["systems"]["hive"]
    lines = [
        "Row D ran on the same c5.24xlarge hub right after row C, which applies 19-20 SSIs/s; "
        "the restart to 100 workers lists every SSI again, and an SSI applied less than 2 h "
        "before is a no-op (no apply, no status write). The reference gives neither how long "
        "row C ran nor what the restart found, so the validation rows start with every SSI "
        f"due. `{HISTORY}` instead starts row D with "
        f"{hive['up_to_date_at_restart']:,} SSIs up to date: the 19,200 that a 20 QPS client "
        "can write in 16 min are due, the rest were applied during the 34 min row C needs "
        "for them. The drain time is then close to 16 min by construction; the reconcile "
        "rate and the cores are not, and test the model:",
        "",
        "| quantity | observed | simulated | error |",
        "|---|---|---|---|",
    ]
    for name, observed, simulated in rows:
        err = (simulated - observed) / observed
        lines.append(f"| {name} | {fmt(observed)} | {fmt(simulated)} | {err:+.0%} |")
    costly, cts = run(fleetsim, ROWS["B"], os.path.join(tmp, "b-info"),
                      ["--set", f"hive.costs.resource_info={COSTLY_INFO_MS}ms"])
    b_rate = sum(pass_rates(costly).values())
    host = s["hosts"]["hub-worker"]
    cores_observed = next(obs for name, obs, _ in rows if name == "cores while draining")
    missing = (cores_observed - host["cores_used"]["mean"]) * s["virtual_seconds"]
    per_noop = missing * host["speed"] / hive["noop_reconciles"]
    noop_ms, info_ms, resources = noop_cost_ms(
        os.path.join(tmp, "history", "scenario.resolved.json"))
    lines += ["", f"Reading: {hive['full_applies']:,} full applies and "
              f"{hive['noop_reconciles']:,} no-op reconciles. With this history the "
              "reconcile rate is within ±25 %; the cores are not. A no-op reconcile costs "
              f"the model {noop_ms:.0f} ms of a reference core (remote client and "
              f"{resources} Info calls, "
              "calibrated on row C and on row D's 0.7 cores after the drain). The missing "
              f"{missing:,.0f} core-seconds spread over the no-ops would be "
              f"{per_noop:.2f} reference core-seconds more each; rows B and C, whose full "
              "reconciles make the same Info calls, leave no room for that (with "
              f"{COSTLY_INFO_MS} ms per Info instead of {info_ms:g} ms, row B falls to "
              f"{b_rate:.2g} reconciles/s against the observed 10)."]
    return "\n".join(lines)


CLUSTERSYNC = [
    ("1,000 clusters, 1 replica x 5 workers",
     "scenarios/hive/clustersync-1000-clusters-server-side-c5-24xlarge.json"),
    ("5,000 clusters, 1 replica x 5 workers",
     "scenarios/hive/clustersync-5000-clusters-server-side-c5-24xlarge.json"),
    ("5,000 clusters, 3 replicas x 25 workers",
     "scenarios/hive/clustersync-5000-clusters-3-replicas-25-workers.json"),
]


def clustersync_section(fleetsim, tmp):
    """Runs the ClusterSync scenarios; every figure of the section comes from these runs."""
    lines = [
        "`scenarios/hive/clustersync-*.json` run the current design on the same c5.24xlarge "
        "environment with server-side apply (expected figures from theory in "
        "`tests/scenario/expected/hive/`). One reconcile applies a cluster's 600 resources "
        "in sequence; a full pass must fit the 2-hour re-apply window.",
        "",
        "| configuration | first full sync of every cluster | reconcile seconds p50 | "
        "applies/s | full re-applies during the pass | cores used, mean / busiest minute |",
        "|---|---|---|---|---|---|",
    ]
    for i, (label, scenario) in enumerate(CLUSTERSYNC):
        s, _ = run(fleetsim, scenario, os.path.join(tmp, f"cs{i}"))
        hive = s["systems"]["hive"]
        first = hive["first_pass_completed_at_s"] or s["virtual_seconds"]
        rec = [c["reconcile_seconds"]["p50"] for c in s["controllers"].values()]
        h = s["hosts"]["hub-worker"]["cores_used"]
        lines.append(f"| {label} | {first / 3600:.2f} h | {max(rec):.3g} s | "
                     f"{s['applies']['rate_per_s']['mean']:.0f} | "
                     f"{hive['full_reapplies'] - hive['synced_once']} | "
                     f"{h['mean']:.2g} / {h['peak_1m']:.2g} |")
    lines += ["", "Reading: a first pass longer than 2 h means re-applies come due before it "
              "ends, so that configuration cannot keep its fleet within the window; a first "
              "pass equal to the adoption time means the controller keeps up with adoption."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
