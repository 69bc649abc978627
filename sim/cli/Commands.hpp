// Commands: the fleetsim sub-commands. Each returns the process exit code:
// 0 ok, 2 bad input or usage, 1 internal error.
#pragma once

#include <string>
#include <vector>

namespace fleetsim::cli {

int run_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int help_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);
int regress_command(const std::vector<std::string>& args);
// calibrate --from-metrics SCRAPE [--controller NAME] [--hub-host HOST] --out PATH
int calibrate_from_metrics(const std::vector<std::string>& args);

// Usage text of one command ("" = overview).
std::string usage(const std::string& command);

struct UsageError {
  std::string message;
};

}  // namespace fleetsim::cli
