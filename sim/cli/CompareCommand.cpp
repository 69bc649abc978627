#include <filesystem>
#include <iostream>

#include "cli/Commands.hpp"
#include "cli/CompareOptions.hpp"
#include "cli/ReportFiles.hpp"
#include "output/Comparison.hpp"
#include "output/ComparisonError.hpp"
#include "output/JunitReport.hpp"
#include "output/MarkdownReport.hpp"

namespace fleetsim::cli {

int compare_command(const std::vector<std::string>& args) {
  CompareOptions opts;
  std::vector<std::string> dirs;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (opts.consume(args, i)) continue;
    if (!args[i].empty() && args[i][0] == '-') throw UsageError{"unknown option " + args[i]};
    if (dirs.size() == 2) throw UsageError{"unexpected argument " + args[i]};
    dirs.push_back(args[i]);
  }
  if (dirs.size() < 2)
    throw UsageError{dirs.empty() ? "missing BASELINE and CURRENT" : "missing CURRENT"};
  opts.check();
  try {
    const output::Tolerances tolerances = opts.tolerances();
    const auto c = output::Comparison::of_directories(dirs[0], dirs[1], tolerances);
    std::vector<std::string> figures;
    for (const auto& r : c.rows()) figures.push_back(r.figure);
    for (const auto& p : tolerances.unused_patterns(figures))
      std::cerr << "fleetsim compare: warning: tolerances pattern \"" << p
                << "\" matches no figure\n";
    const std::string title =
        c.scenario().empty() ? std::filesystem::path(dirs[1]).filename().string() : c.scenario();
    const auto inexact = opts.inexact_failure(c);
    const std::string tail = inexact ? "\n**❌ " + *inexact + "**\n" : "";
    output::JunitReport junit;
    junit.add(title, c);
    if (inexact) junit.add_failure(title, "exact comparison", *inexact, *inexact + "\n");
    ReportFiles files;
    files.add(opts.junit(), junit.xml());
    files.add(opts.markdown(), output::markdown_report(c, title, true) + tail);
    files.commit();
    std::cout << output::markdown_report(c, title, false) << tail;
    return c.regressed() || inexact ? 1 : 0;
  } catch (const output::ComparisonError& e) {
    std::cerr << "fleetsim compare: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace fleetsim::cli
