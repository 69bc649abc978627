// fleetsim regress: runs every scenario that has a baseline and compares (or, with
// --update, rewrites the baselines). Layout of a baselines directory (default
// results/baselines/): one directory per scenario, named by the scenario path relative to
// the current directory without .json, e.g.
//   results/baselines/scenarios/examples/fleet-sync/
//     baseline.json            {"scenario", "seed", "fleetsim_version", "reason"}
//     summary.json, timeseries.csv, scenario.resolved.json   (as written by fleetsim run)
//     tolerances.json          optional: this scenario's tolerances (see Tolerances.hpp)
// Each scenario runs in its own process (fork/exec of this binary: one SimGrid engine per
// process); current results go to --out (default results/regress/) under the same name.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli/Commands.hpp"
#include "cli/CompareOptions.hpp"
#include "cli/ReportFiles.hpp"
#include "output/Comparison.hpp"
#include "output/ComparisonError.hpp"
#include "output/JunitReport.hpp"
#include "output/MarkdownReport.hpp"
#include "output/ResultsDirectory.hpp"

namespace fleetsim::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using output::ComparisonError;

struct Baseline {
  fs::path dir;
  fs::path scenario;  // relative to the current directory
  std::optional<std::uint64_t> seed;
  bool exists = false;  // baseline.json present
  std::optional<output::Tolerances> tolerances;
  fs::path out;  // where this run's results go
  int exit_code = 0;
};

struct RegressArgs {
  std::vector<std::string> scenarios;
  std::string baselines = "results/baselines";
  std::string out = "results/regress";
  bool update = false;
  std::optional<std::string> reason;
  CompareOptions compare;
};

std::string value_of(const std::vector<std::string>& a, std::size_t& i) {
  if (i + 1 >= a.size()) throw UsageError{a[i] + " needs a value"};
  return a[++i];
}

RegressArgs parse_args(const std::vector<std::string>& a) {
  RegressArgs r;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& x = a[i];
    if (r.compare.consume(a, i)) continue;
    if (x == "--baselines") {
      r.baselines = value_of(a, i);
    } else if (x == "--out") {
      r.out = value_of(a, i);
    } else if (x == "--update") {
      r.update = true;
    } else if (x == "--reason") {
      r.reason = value_of(a, i);
    } else if (!x.empty() && x[0] == '-') {
      throw UsageError{"unknown option " + x};
    } else {
      r.scenarios.push_back(x);
    }
  }
  r.compare.check();
  if (r.update && (!r.reason || r.reason->find_first_not_of(" \t\n") == std::string::npos))
    throw UsageError{"--update needs --reason TEXT (why the baselines change; recorded)"};
  if (!r.update && r.reason) throw UsageError{"--reason goes with --update"};
  if (r.update && (!r.compare.junit().empty() || !r.compare.markdown().empty()))
    throw UsageError{"--junit and --markdown report comparisons; --update writes baselines"};
  if (r.update && r.compare.require_exact())
    throw UsageError{"--require-exact judges comparisons; --update writes baselines"};
  return r;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) throw ComparisonError(file.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Json parse_json(const fs::path& file) {
  try {
    return Json::parse(read_text(file));
  } catch (const Json::parse_error& e) {
    std::string msg = e.what();
    const auto close = msg.find("] ");
    if (close != std::string::npos) msg = msg.substr(close + 2);
    throw ComparisonError(file.string() + ": not valid JSON: " + msg);
  }
}

// The scenario path relative to the current directory; ComparisonError when missing.
fs::path relative_scenario(const std::string& s, const std::string& where) {
  std::error_code ec;
  if (!fs::is_regular_file(s, ec)) throw ComparisonError(where + "no such scenario file " + s);
  fs::path p(s);
  if (p.is_absolute()) p = p.lexically_relative(fs::current_path());
  p = p.lexically_normal();
  if (p.empty() || *p.begin() == "..")
    throw ComparisonError(where + s +
                          ": a scenario with a baseline must be under the current directory "
                          "(its baseline is named by its path relative to it)");
  return p;
}

void read_baseline_json(Baseline& b) {
  const fs::path file = b.dir / "baseline.json";
  const Json j = parse_json(file);
  const std::string where = file.string() + ": ";
  if (!j.is_object()) throw ComparisonError(where + "must be a JSON object");
  for (const auto& [k, v] : j.items())
    if (k != "scenario" && k != "seed" && k != "fleetsim_version" && k != "reason")
      throw ComparisonError(where + "unknown key \"" + k +
                            "\" (expected scenario, seed, fleetsim_version, reason)");
  for (const char* k : {"scenario", "fleetsim_version", "reason"})
    if (!j.contains(k) || !j[k].is_string() || (std::string(k) == "scenario" && j[k] == ""))
      throw ComparisonError(where + k + ": must be a " +
                            (std::string(k) == "scenario" ? "non-empty " : "") + "string" +
                            (j.contains(k) ? ", got " + j[k].dump() : " (missing)"));
  if (!j.contains("seed") || !j["seed"].is_number_unsigned())
    throw ComparisonError(where + "seed: must be a non-negative integer" +
                          (j.contains("seed") ? ", got " + j["seed"].dump() : " (missing)"));
  b.scenario = relative_scenario(j["scenario"].get<std::string>(), where + "scenario: ");
  b.seed = j["seed"].get<std::uint64_t>();
  b.exists = true;
}

fs::path name_of(const fs::path& scenario) {
  fs::path p = scenario;
  return p.replace_extension();
}

std::vector<Baseline> collect(const RegressArgs& a) {
  std::vector<Baseline> out;
  std::error_code ec;
  if (a.scenarios.empty()) {
    if (!fs::is_directory(a.baselines, ec))
      throw ComparisonError(a.baselines +
                            ": no such baselines directory (create baselines with "
                            "fleetsim regress --update --reason TEXT SCENARIO...)");
    for (auto it = fs::recursive_directory_iterator(a.baselines, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->path().filename() != "baseline.json") continue;
      Baseline b;
      b.dir = it->path().parent_path();
      out.push_back(std::move(b));
    }
    if (ec) throw ComparisonError(a.baselines + ": cannot list: " + ec.message());
    if (out.empty())
      throw ComparisonError("no baselines under " + a.baselines +
                            " (create one with fleetsim regress --update --reason TEXT SCENARIO)");
    std::sort(out.begin(), out.end(),
              [](const Baseline& x, const Baseline& y) { return x.dir < y.dir; });
    for (auto& b : out) read_baseline_json(b);
  } else {
    for (const auto& s : a.scenarios) {
      Baseline b;
      b.scenario = relative_scenario(s, "");
      b.dir = fs::path(a.baselines) / name_of(b.scenario);
      if (fs::exists(b.dir / "baseline.json", ec)) {
        read_baseline_json(b);
        if (b.scenario != relative_scenario(s, ""))
          throw ComparisonError((b.dir / "baseline.json").string() + ": scenario: records " +
                                b.scenario.string() + ", expected " + s);
      } else if (!a.update) {
        throw ComparisonError("no baseline for " + s + " in " + b.dir.string() +
                              " (create it with fleetsim regress --update --reason TEXT " + s +
                              ")");
      }
      out.push_back(std::move(b));
    }
  }
  for (auto& b : out) {
    if (!a.update)
      for (const char* f : {"summary.json", "scenario.resolved.json"})
        if (!fs::is_regular_file(b.dir / f, ec))
          throw ComparisonError((b.dir / f).string() +
                                ": missing (a baseline holds the results of fleetsim run; "
                                "rewrite it with fleetsim regress --update --reason TEXT " +
                                b.scenario.string() + ")");
    if (!a.update && fs::exists(b.dir / "tolerances.json", ec))
      b.tolerances = output::Tolerances::load(b.dir / "tolerances.json");
    b.out = fs::path(a.out) / name_of(b.scenario);
  }
  return out;
}

// fleetsim run in a child process (fork/exec of this binary); its exit status, or 128 +
// the signal that ended it.
int run_child(const Baseline& b) {
  std::vector<std::string> argv{"fleetsim", "run",          b.scenario.string(),
                                "--out",    b.out.string(), "--quiet"};
  if (b.seed) {
    argv.push_back("--seed");
    argv.push_back(std::to_string(*b.seed));
  }
  std::vector<char*> cargv;
  for (auto& s : argv) cargv.push_back(s.data());
  cargv.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::execv("/proc/self/exe", cargv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

std::string describe_exit(int code) {
  if (code > 128) return "killed by signal " + std::to_string(code - 128);
  return "exit " + std::to_string(code);
}

// Writes the new baseline (results of this run, baseline.json, a kept tolerances.json).
void write_baseline(const Baseline& b, const std::string& reason) {
  const Json summary = parse_json(b.out / "summary.json");
  const std::string keep_tolerances =
      fs::exists(b.dir / "tolerances.json") ? read_text(b.dir / "tolerances.json") : std::string();
  Json record = {{"scenario", b.scenario.generic_string()},
                 {"seed", summary.at("seed")},
                 {"fleetsim_version", summary.at("fleetsim_version")},
                 {"reason", reason}};
  output::ResultsDirectory dir(b.dir);
  for (const char* f : {"summary.json", "timeseries.csv", "scenario.resolved.json"})
    dir.write(f, read_text(b.out / f));
  if (!keep_tolerances.empty()) dir.write("tolerances.json", keep_tolerances);
  dir.write("baseline.json", record.dump(2) + "\n");
  dir.commit();
}

int update(const RegressArgs& a, std::vector<Baseline>& baselines) {
  bool bad_input = false, failed = false;
  for (auto& b : baselines) {
    std::cerr << "regress: running " << b.scenario.string() << "\n";
    b.exit_code = run_child(b);
    if (b.exit_code == 2) bad_input = true;
    if (b.exit_code != 0 && b.exit_code != 2) failed = true;
    if (b.exit_code != 0)
      std::cerr << "fleetsim regress: " << b.scenario.string() << ": fleetsim run failed ("
                << describe_exit(b.exit_code) << ")\n";
  }
  if (bad_input || failed) {
    std::cerr << "fleetsim regress: no baseline written\n";
    return bad_input ? 2 : 1;
  }
  for (const auto& b : baselines) {
    std::error_code ec;
    if (fs::exists(b.dir / "summary.json", ec) &&
        fs::exists(b.dir / "scenario.resolved.json", ec)) {
      try {
        const auto c = output::Comparison::of_directories(b.dir, b.out, output::Tolerances());
        std::cout << output::markdown_report(c, b.scenario.string() + " (old baseline -> new)",
                                             false)
                  << "\n";
      } catch (const ComparisonError& e) {
        std::cout << "(old baseline not comparable: " << e.what() << ")\n\n";
      }
    }
    write_baseline(b, *a.reason);
    std::cout << "updated " << b.dir.string() << ": " << *a.reason << "\n";
  }
  std::cout << "updated " << baselines.size() << " baseline" << (baselines.size() == 1 ? "" : "s")
            << "\n";
  return 0;
}

int compare(const RegressArgs& a, std::vector<Baseline>& baselines) {
  const output::Tolerances common = a.compare.tolerances();
  output::JunitReport junit;
  std::string markdown = "## fleetsim regress\n\n";
  std::size_t passed = 0, failed = 0;
  for (auto& b : baselines) {
    const std::string title = b.scenario.generic_string();
    std::cerr << "regress: running " << title << "\n";
    b.exit_code = run_child(b);
    if (b.exit_code == 2) {
      std::cerr << "fleetsim regress: " << title
                << ": fleetsim run exited 2 (bad input); no report written\n";
      return 2;
    }
    if (b.exit_code != 0) {
      const std::string msg = "fleetsim run failed (" + describe_exit(b.exit_code) + ")";
      junit.add_failure(title, "run", msg, msg + "\n");
      const std::string section = "### ❌ " + title + ": " + msg + "\n\n";
      markdown += section;
      std::cout << section;
      ++failed;
      continue;
    }
    const auto c =
        output::Comparison::of_directories(b.dir, b.out, b.tolerances ? *b.tolerances : common);
    const auto inexact = a.compare.inexact_failure(c);
    const std::string tail = inexact ? "**❌ " + *inexact + "**\n\n" : "";
    junit.add(title, c);
    if (inexact) junit.add_failure(title, "exact comparison", *inexact, *inexact + "\n");
    markdown += output::markdown_report(c, title, true) + "\n" + tail;
    std::cout << output::markdown_report(c, title, false) << "\n" << tail;
    c.regressed() || inexact ? ++failed : ++passed;
  }
  markdown += std::to_string(passed) + " passed, " + std::to_string(failed) + " failed\n";
  ReportFiles files;
  files.add(a.compare.junit(), junit.xml());
  files.add(a.compare.markdown(), markdown);
  files.commit();
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}

}  // namespace

int regress_command(const std::vector<std::string>& args) {
  RegressArgs a = parse_args(args);
  try {
    if (!a.update) a.compare.tolerances();  // a bad tolerances file fails before any run
    auto baselines = collect(a);
    return a.update ? update(a, baselines) : compare(a, baselines);
  } catch (const ComparisonError& e) {
    std::cerr << "fleetsim regress: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace fleetsim::cli
