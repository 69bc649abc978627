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
  if (command == "spoke")
    return R"(usage: fleetsim spoke [--clusters N] [--listen HOST:PORT] [--model NAME|PATH] [--seed N]
                      [--tls-cert FILE --tls-key FILE [--client-ca FILE] [--ca FILE]]
                      [--token TOKEN | --token-file FILE] [--fault SPEC]...
                      [--kubeconfig-out FILE [--user-cert FILE --user-key FILE]]
                      [--stats-out FILE] [--insecure-http]

Serves N emulated Kubernetes API servers (spokes): /version, discovery, namespaces and
configmaps (get, list, watch, create, update, patch incl. server-side apply, delete),
with latency drawn from a latency model and injected faults. Prints one line per spoke,
"fleetsim spoke: spoke-I listening on URL", then "fleetsim spoke: ready"; runs until
SIGINT/SIGTERM, then exits 0. Details and what is simplified: docs/spoke.md.

  --clusters N        independent spokes (own objects, own port; default 1)
  --listen HOST:PORT  address (default 127.0.0.1:0; port 0 = ephemeral ports, else
                      spoke I listens on PORT+I); plain HTTP only on loopback unless
                      --insecure-http
  --model NAME|PATH   latency model (models/NAME.json or a file); none = no added latency
  --seed N            seed of the latency, fault and uid streams (default 1)
  --tls-cert/--tls-key  serve HTTPS with this certificate (PEM chain) and key
  --client-ca FILE    a client certificate that chains to FILE authenticates
  --ca FILE           CA for the kubeconfig's certificate-authority-data (default
                      --client-ca, else --tls-cert)
  --token TOKEN, --token-file FILE   Authorization: Bearer TOKEN authenticates
                      (with no token and no --client-ca every request is allowed)
  --fault SPEC        KIND[:KEY=VALUE,...], repeatable; KIND delay|429|500|reset|malformed;
                      keys verb=GET|LIST|POST|PUT|PATCH|DELETE|* (| separated), resource=
                      configmaps (default)|namespaces|*, one trigger of probability=P,
                      every=N, after=N, always (default); duration=D (delay),
                      retry-after=S (429). E.g. --fault 500:verb=POST,probability=0.1
  --kubeconfig-out FILE  kubeconfig with contexts spoke-0..spoke-(N-1)
  --user-cert/--user-key  client certificate written into that kubeconfig's user
  --stats-out FILE    at exit: requests per verb, faults fired, namespaces left (JSON)
)";
  if (command == "validate")
    return R"(usage: fleetsim validate SCENARIO [--set PATH=VALUE]... [--max-memory SIZE]
       fleetsim validate SWEEP

Checks a scenario without running it. Exit 0 when valid, printing "SCENARIO: ok" and
the estimated memory of a run; exit 2 with one line per problem,
FILE:LINE:COL: PATH: message. A scenario whose estimated memory is above --max-memory
(default 80 % of the machine's memory; see fleetsim help run) is refused.
A sweep file (docs/sweeps.md) is checked as `fleetsim sweep` checks it (every parameter
value against the base scenario), printing SWEEP: ok (sweep: N points x M seeds = R
runs of BASE).
)";
  if (command == "compare")
    return R"(usage: fleetsim compare BASELINE CURRENT [--rel R | --tolerances FILE]
                        [--junit FILE] [--markdown FILE] [--require-exact]

Compares two results directories (written by fleetsim run) figure by figure from
summary.json; prints a Markdown table of the figures that moved. Exact when the run is
deterministic and the fleetsim version, seed and resolved scenario are the same; else each
figure may move by its tolerance. Times, latencies and backlogs are better lower, rates
higher; counts and configuration have no better side (reported, never a regression);
run.* (wall clock) is not compared. Directions and the tolerances file: docs/ci.md.
Exit 0 when nothing regressed, 1 when a figure regressed or is missing (or, with
--require-exact, the comparison is not exact), 2 on bad input.

  --rel R             relative tolerance, a fraction (default 0.05 = 5 %)
  --tolerances FILE   per-figure tolerances and directions (JSON)
  --junit FILE        JUnit XML: one testcase per figure, a failure per regression
  --markdown FILE     the report for a CI job summary (with every figure)
  --require-exact     fail when the comparison cannot be exact (a stale baseline)
)";
  if (command == "regress")
    return R"(usage: fleetsim regress [SCENARIO...] [--baselines DIR] [--out DIR]
                        [--rel R | --tolerances FILE] [--junit FILE] [--markdown FILE]
                        [--require-exact]
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
  --require-exact     a baseline that cannot be compared exactly (other fleetsim
                      version, seed or resolved scenario) fails: refresh it with --update
)";
  if (command == "calibrate")
    return R"(usage: fleetsim calibrate --kubeconfig PATH --out FILE [--context NAME]
                          [--levels 1,5,20] [--requests N] [--duration D]
                          [--object-size BYTES] [--qps Q] [--timeout D] [--max-retries N]
                          [--max-errors N] [--namespace NAME] [--cleanup-timeout D]
                          [--insecure-http]
       fleetsim calibrate --from-metrics SCRAPE [--controller NAME] [--hub-host HOST]
                          --out PATH        (a hub's /metrics: docs/calibration.md)

Measures a live API server and writes a latency model (models/NAME.json) that scenarios
use as an API server's `latency` (docs/calibration.md). Authenticates as the kubeconfig
says (token, token file, client certificate, exec plugin); TLS is verified unless the
kubeconfig sets insecure-skip-tls-verify. Creates one namespace,
fleetsim-calibrate-<random>, labelled app.kubernetes.io/managed-by=fleetsim; at each
level L, L workers create, GET, server-side apply, GET + merge-PATCH and DELETE
ConfigMaps in it; then deletes the namespace, also after an error or SIGINT/SIGTERM.
Prints a table (verb x level: n, p50, p90, p99, p99.9, fitted lognormal, errors).
Exit 0 ok, 1 the cluster or network failed, 2 bad input or a namespace not ours,
130 interrupted.

  --kubeconfig PATH     the kubeconfig (required)
  --context NAME        its context to use (default: current-context)
  --out FILE            the model to write (required)
  --levels L1,L2,...    concurrency levels, increasing (default 1,5,20)
  --requests N          operations per verb and level (default 100)
  --duration D          time cap per verb and level, e.g. 30s (default none)
  --object-size BYTES   bytes of data per ConfigMap (default 1024)
  --qps Q               client-side cap, requests/s over all workers (default 0 = none;
                      a cap below what the level needs lowers the concurrency reached)
  --timeout D           per-request timeout (default 30s)
  --max-retries N       retries of a 429/5xx answer with Retry-After (default 10)
  --max-errors N        failed requests tolerated before stopping (default 0)
  --namespace NAME      use this namespace (must not exist, or carry the fleetsim label)
  --cleanup-timeout D   how long to wait for the namespace to be gone (default 2m)
  --insecure-http       allow a plain http:// server that is not on loopback
)";
  if (command == "help")
    return R"(usage: fleetsim help [COMMAND]
       fleetsim help scenario     the scenario format reference (Markdown)
)";
  return R"(usage: fleetsim COMMAND [ARGS]

fleetsim simulates Kubernetes control planes at fleet scale.

Commands:
  run SCENARIO       run a scenario and write its results
  validate FILE      check a scenario or a sweep; precise errors, exit 2 when invalid
  compare BASE CUR   compare two results directories; exit 1 on a regression
  regress            run the scenarios that have baselines and compare
  sweep SWEEP        run a sweep of scenario variants; the smallest config meeting a target
  spoke              serve emulated spoke API servers (for kubectl and real controllers)
  calibrate          measure a live API server (kubeconfig) and write a latency model
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
      args[0] != "regress" && args[0] != "spoke" && args[0] != "calibrate") {
    std::cerr << "fleetsim: no command \"" << args[0] << "\"\n" << usage("");
    return 2;
  }
  std::cout << usage(args[0]);
  return 0;
}

}  // namespace fleetsim::cli
