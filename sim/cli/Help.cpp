#include <iostream>

#include "cli/Commands.hpp"
#include "scenario/Schema.hpp"

namespace fleetsim::cli {

std::string usage(const std::string& command) {
  if (command == "run")
    return R"(usage: fleetsim run SCENARIO [--out DIR] [--seed N] [--set PATH=VALUE]...
                    [--until DURATION] [--quiet]

Runs a scenario and writes its results to DIR (default results/<scenario name>/):
summary.json, timeseries.csv, scenario.resolved.json. Results appear all at once when
the run is complete; bad input writes nothing.

  --out DIR           results directory
  --seed N            seed of every random stream (same as --set seed=N)
  --set PATH=VALUE    override a scenario value by its dotted path, e.g.
                      --set controllers.syncsetinstance.workers=100
                      VALUE is JSON if it parses as JSON, else a string
  --until DURATION    stop at this virtual time at the latest (e.g. 2h)
  --quiet             no progress line, no summary on stdout
)";
  if (command == "validate")
    return R"(usage: fleetsim validate SCENARIO [--set PATH=VALUE]...

Checks a scenario without running it. Exit 0 when valid; exit 2 with one line per
problem, FILE:LINE:COL: PATH: message.
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
  if (args[0] != "run" && args[0] != "validate" && args[0] != "help") {
    std::cerr << "fleetsim: no command \"" << args[0] << "\"\n" << usage("");
    return 2;
  }
  std::cout << usage(args[0]);
  return 0;
}

}  // namespace fleetsim::cli
