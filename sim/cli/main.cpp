// fleetsim: entry point. Dispatches to the sub-commands (see Commands.hpp).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/Commands.hpp"
#include "cli/SweepCommand.hpp"
#include "fleetsim_version.h"

int main(int argc, char** argv) {
  using namespace fleetsim::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << usage("");
    return 2;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  try {
    if (cmd == "--version" || cmd == "version") {
      std::cout << "fleetsim " << FLEETSIM_VERSION << "\n";
      return 0;
    }
    if (cmd == "run") return run_command(args);
    if (cmd == "validate") return validate_command(args);
    if (cmd == "compare") return compare_command(args);
    if (cmd == "regress") return regress_command(args);
    if (cmd == "sweep") return sweep_command(args);
    if (cmd == "calibrate") return calibrate_from_metrics(args);
    if (cmd == "help" || cmd == "--help" || cmd == "-h") return help_command(args);
    std::cerr << "fleetsim: unknown command \"" << cmd << "\"\n" << usage("");
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "fleetsim " << cmd << ": " << e.message << "\n" << usage(cmd);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "fleetsim: internal error: " << e.what() << "\n";
    return 1;
  }
}
