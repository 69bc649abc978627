#include "scenario/SourceBuilder.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace fleetsim::scenario {

namespace {

// (time, count) rows of a CSV file; false (and an error) when it is unreadable or malformed.
bool trace_rows(const std::filesystem::path& full, const std::string& path,
                std::vector<std::pair<double, double>>& out, const ErrorSink& error) {
  std::ifstream in(full);
  if (!in) return error(path, "cannot read trace file " + full.string()), false;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || (n == 1 && !std::isdigit(static_cast<unsigned char>(line[0])))) continue;
    std::istringstream row(line);
    double t = 0, c = 0;
    char comma = 0;
    if (!(row >> t >> comma >> c) || comma != ',' || c < 0 ||
        (!out.empty() && t < out.back().first))
      return error(path, full.string() + ":" + std::to_string(n) +
                             ": expected `time_s,count` with time non-decreasing and "
                             "count >= 0"),
             false;
    out.emplace_back(t, c);
  }
  return true;
}

}  // namespace

systems::serving::SourceSpec source_spec(const Json& s, const std::string& path,
                                         const std::filesystem::path& scenario_dir,
                                         const ErrorSink& error) {
  systems::serving::SourceSpec src;
  src.kind = s["kind"].get<std::string>();
  src.rate = points_value(s["rate"]);
  src.count = s["count"].get<std::uint64_t>();
  src.start = duration_value(s["start"]);
  src.end = duration_value(s["end"]);
  src.jobs = s["jobs"].get<std::uint64_t>();
  src.period = duration_value(s["period"]);
  src.spread = s["schedule"] == "spread";
  src.runs = s["runs"].get<std::uint64_t>();
  src.trace = points_value(s["trace"]);
  const std::string kind = src.kind;
  if ((kind == "poisson" || kind == "constant") && src.rate.empty())
    error(path + ".rate", "a " + kind + " source needs at least one [time_s, rate] point");
  for (const auto& [t, r] : src.rate)
    if (r < 0) error(path + ".rate", "rates must be >= 0");
  if (kind == "cron" && src.jobs == 0) error(path + ".jobs", "a cron source needs jobs > 0");
  const std::string file = s["trace_file"].get<std::string>();
  if (!file.empty()) trace_rows(scenario_dir / file, path + ".trace_file", src.trace, error);
  if (kind == "trace" && src.trace.empty() && file.empty())
    error(path + ".trace", "a trace source needs `trace` rows or a `trace_file`");
  return src;
}

}  // namespace fleetsim::scenario
