#include <iostream>

#include "cli/Commands.hpp"
#include "cli/SweepCommand.hpp"
#include "scenario/Schema.hpp"

namespace fleetsim::cli {

std::string usage(const std::string& command) {
  if (command == "sweep") return sweep_usage();
  if (command == "run")
    return R"(usage: fleetsim run SCENARIO [--out DIR] [--seed N] [--set PATH=VALUE]...
                    [--until DURATION] [--quiet] [--serve ADDRESS] [--pace FACTOR]
                    [--max-memory SIZE]

Runs a scenario and writes its results to DIR (default results/<scenario name>/):
summary.json, timeseries.csv, scenario.resolved.json, metrics.om (OpenMetrics, for
promtool tsdb create-blocks-from openmetrics; docs/prometheus.md). Results appear all
at once when the run is complete; bad input writes nothing.

  --out DIR           results directory
  --seed N            seed of every random stream (same as --set seed=N)
  --set PATH=VALUE    override a scenario value by its dotted path, e.g.
                      --set controllers.syncsetinstance.workers=100
                      VALUE is JSON if it parses as JSON, else a string
  --until DURATION    stop at this virtual time at the latest (e.g. 2h)
  --quiet             no progress line, no summary on stdout
  --serve ADDRESS     serve live metrics at http://ADDRESS/metrics (PORT or HOST:PORT;
                      host 127.0.0.1 unless given); after the run, keep serving the
                      final state until SIGINT/SIGTERM (a signal during the run stops it)
  --pace FACTOR       advance virtual time at FACTOR x wall time (60 = a virtual minute
                      per second); 0 (default) = full speed
  --max-memory SIZE   refuse to start (exit 2, no results) when the estimated peak
                      memory is above SIZE (e.g. 512Mi, 4GiB); default 80 % of the
                      machine's memory (MemTotal). Runs estimated above 256 MiB print
                      "fleetsim: estimated memory X" on stderr first
)";
  if (command == "validate")
    return R"(usage: fleetsim validate SCENARIO [--set PATH=VALUE]... [--max-memory SIZE]

Checks a scenario without running it. Exit 0 when valid, printing "SCENARIO: ok" and
the estimated memory of a run; exit 2 with one line per problem, FILE:LINE:COL: PATH: message. A scenario whose estimated memory is above
--max-memory (default 80 % of the machine's memory; see fleetsim help run) is refused.
)";
  if (command == "compare")
    return R"(usage: fleetsim compare BASELINE CURRENT [--rel R | --tolerances FILE]
                        [--junit FILE] [--markdown FILE]

Compares two results directories (written by fleetsim run) figure by figure from
summary.json; prints a Markdown table of the figures that moved. Exact when the run is
deterministic and the fleetsim version, seed and resolved scenario are the same; else each
figure may move by its tolerance. Times, latencies and backlogs are better lower, rates
higher; counts and configuration have no better side (reported, never a regression);
run.* (wall clock) is not compared. Directions and the tolerances file: docs/ci.md.
Exit 0 when nothing regressed, 1 when a figure regressed or is missing, 2 on bad input.

  --rel R             relative tolerance, a fraction (default 0.05 = 5 %)
  --tolerances FILE   per-figure tolerances and directions (JSON)
  --junit FILE        JUnit XML: one testcase per figure, a failure per regression
  --markdown FILE     the report for a CI job summary (with every figure)
)";
  if (command == "regress")
    return R"(usage: fleetsim regress [SCENARIO...] [--baselines DIR] [--out DIR]
                        [--rel R | --tolerances FILE] [--junit FILE] [--markdown FILE]
       fleetsim regress --update --reason TEXT [SCENARIO...] [--baselines DIR]

Runs every scenario that has a baseline under DIR (default results/baselines/), each in
its own process, and compares its results with the baseline (as fleetsim compare; a
baseline's own tolerances.json wins over --rel/--tolerances). Baseline of scenario
path/name.json: DIR/path/name/ (baseline.json + the results of fleetsim run).
With SCENARIO arguments, only those. Exit 0 when nothing regressed, 1 otherwise,
2 on bad input.

  --update            run and rewrite the baselines (SCENARIOs without one get one);
                      nothing is written unless every run succeeds
  --reason TEXT       why the baselines change (recorded in baseline.json)
  --out DIR           where the current results go (default results/regress/)
)";
  if (command == "help")
    return R"(usage: fleetsim help [COMMAND]
       fleetsim help scenario     the scenario format reference (Markdown)
)";
  return R"(usage: fleetsim COMMAND [ARGS]

fleetsim simulates Kubernetes control planes at fleet scale.

Commands:
  run SCENARIO       run a scenario and write its results
  validate SCENARIO  check a scenario; precise errors, exit 2 when invalid
  compare BASE CUR   compare two results directories; exit 1 on a regression
  regress            run the scenarios that have baselines and compare
  sweep SWEEP        run a sweep of scenario variants; the smallest config meeting a target
  help [COMMAND]     this text, a command's usage, or `help scenario`
  --version          print the version

Exit codes: 0 ok, 2 bad input or usage, 1 internal error.
)";
}

int help_command(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cout << usage("");
    return 0;
  }
  if (args[0] == "scenario") {
    std::cout << scenario::schema_markdown();
    return 0;
  }
  if (args[0] == "sweep") {
    std::cout << usage("sweep");
    return 0;
  }
  if (args[0] != "run" && args[0] != "validate" && args[0] != "help" && args[0] != "compare" &&
      args[0] != "regress") {
    std::cerr << "fleetsim: no command \"" << args[0] << "\"\n" << usage("");
    return 2;
  }
  std::cout << usage(args[0]);
  return 0;
}

}  // namespace fleetsim::cli
