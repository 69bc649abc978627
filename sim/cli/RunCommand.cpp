#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "cli/Commands.hpp"
#include "cli/HumanSummary.hpp"
#include "cli/MetricsServer.hpp"
#include "cli/RunMetrics.hpp"
#include "cli/Simulation.hpp"
#include "cli/StopSignal.hpp"
#include "cli/SweepCommand.hpp"
#include "engine/ManualScheduler.hpp"
#include "engine/SimgridScheduler.hpp"
#include "output/ResultsDirectory.hpp"
#include "output/Summary.hpp"
#include "output/TimeSeriesCsv.hpp"
#include "scenario/InputError.hpp"
#include "scenario/MemoryEstimate.hpp"
#include "scenario/Quantity.hpp"

namespace fleetsim::cli {

namespace {

struct RunArgs {
  std::string scenario;
  std::string out;
  std::vector<std::string> sets;
  double until = -1;
  bool quiet = false;
  std::string serve;       // --serve ADDRESS: live /metrics
  double pace = 0;         // --pace FACTOR: virtual seconds per wall second (0 = full speed)
  double max_memory = -1;  // --max-memory SIZE in bytes; < 0: scenario::default_memory_limit()
};

std::string value_of(const std::vector<std::string>& a, std::size_t& i) {
  if (i + 1 >= a.size()) throw UsageError{a[i] + " needs a value"};
  return a[++i];
}

RunArgs parse_run_args(const std::vector<std::string>& a, bool run) {
  RunArgs r;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& x = a[i];
    if (x == "--set") {
      r.sets.push_back(value_of(a, i));
    } else if (run && x == "--out") {
      r.out = value_of(a, i);
    } else if (run && x == "--seed") {
      const std::string v = value_of(a, i);
      if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError{"--seed needs a non-negative integer, got \"" + v + "\""};
      r.sets.push_back("seed=" + v);
    } else if (run && x == "--until") {
      const std::string v = value_of(a, i);
      try {
        r.until = scenario::parse_duration(v);
      } catch (const std::invalid_argument& e) {
        throw UsageError{"--until: " + std::string(e.what())};
      }
    } else if (x == "--max-memory") {
      const std::string v = value_of(a, i);
      try {
        r.max_memory = scenario::parse_size(v);
      } catch (const std::invalid_argument& e) {
        throw UsageError{"--max-memory: " + std::string(e.what())};
      }
    } else if (run && x == "--quiet") {
      r.quiet = true;
    } else if (run && x == "--serve") {
      r.serve = value_of(a, i);
    } else if (run && x == "--pace") {
      const std::string v = value_of(a, i);
      char* end = nullptr;
      r.pace = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(r.pace >= 0) || r.pace > 1e12)
        throw UsageError{"--pace needs a factor >= 0 (60 = a virtual minute per second), got \"" +
                         v + "\""};
    } else if (!x.empty() && x[0] == '-') {
      throw UsageError{"unknown option " + x};
    } else if (r.scenario.empty()) {
      r.scenario = x;
    } else {
      throw UsageError{"unexpected argument " + x};
    }
  }
  if (r.scenario.empty()) throw UsageError{"missing SCENARIO"};
  if (r.max_memory < 0) r.max_memory = scenario::default_memory_limit();
  return r;
}

// Runs estimated above this print their estimate first.
constexpr double kAnnouncedBytes = 256.0 * (1 << 20);

std::uint64_t peak_rss_bytes() {
  struct rusage u {};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024;
}

void draw_progress(const Progress& p) {
  std::fprintf(
      stderr, "\r  virtual %-12s  %5.1f%% done  %8.2fM events/s ",
      scenario::format_duration(static_cast<double>(static_cast<long long>(p.virtual_time)))
          .c_str(),
      100 * p.share_done, p.events_per_second / 1e6);
  std::fflush(stderr);
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  RunArgs a = parse_run_args(args, true);
  scenario::Scenario sc;
  try {
    sc = scenario::load_scenario(a.scenario, a.sets);
  } catch (const scenario::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  auto settings = scenario::run_settings(sc);
  if (a.until >= 0) settings.horizon = std::min(settings.horizon, a.until);
  try {
    // Before anything is built: large runs are announced, absurd sizes refused.
    const double need = scenario::estimate_memory(sc, settings.horizon);
    if (need > kAnnouncedBytes)
      std::cerr << "fleetsim: estimated memory " << scenario::format_bytes(need) << "\n";
    scenario::check_memory(sc, a.max_memory, settings.horizon);
  } catch (const scenario::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  engine::SimgridScheduler sched;
  systems::World world(sched, settings.seed);
  try {
    scenario::build_world(sc, world);
  } catch (const scenario::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  for (const auto& [name, h] : world.hosts()) sched.declare_host(name, h->cores(), h->speed());
  const std::string out = a.out.empty() ? "results/" + sc.name : a.out;
  output::ResultsDirectory results(out);
  output::Sampler sampler(world, settings.sample_interval);
  std::unique_ptr<MetricsServer> server;
  if (!a.serve.empty()) {
    try {
      server = std::make_unique<MetricsServer>(a.serve);
    } catch (const std::runtime_error& e) {
      std::cerr << "fleetsim: " << e.what() << "\n";
      return 2;
    }
    std::cerr << "fleetsim: serving metrics on http://" << server->endpoint() << "/metrics\n";
  }
  RunMetrics metrics(world, sampler, sc.name, a.pace, std::move(server));
  const bool tty = !a.quiet && isatty(STDERR_FILENO);
  std::unique_ptr<StopSignal> stop;  // SIGINT/SIGTERM end the run cleanly (server: its own)
  if (a.serve.empty()) stop = std::make_unique<StopSignal>();
  auto info =
      simulate(sched, world, sampler, settings,
               tty ? std::function<void(const Progress&)>(draw_progress) : nullptr,
               [&metrics](double t) { return metrics.on_step(t) && !StopSignal::requested(); });
  metrics.finish();
  if (tty) std::fprintf(stderr, "\r%70s\r", "");
  info.scenario = sc.name;
  info.seed = settings.seed;
  info.peak_rss_bytes = peak_rss_bytes();
  const auto summary = output::build_summary(world, sampler, info);
  std::ostringstream csv;
  output::write_timeseries_csv(csv, world, sampler);
  results.write("summary.json", summary.dump(2) + "\n");
  results.write("timeseries.csv", csv.str());
  results.write("scenario.resolved.json", sc.resolved.dump(2) + "\n");
  results.write("metrics.om", [&metrics](std::ostream& o) { metrics.write(o); });
  results.commit();
  if (!a.quiet) std::cout << human_summary(summary, out) << std::flush;
  metrics.serve_until_stopped();
  return 0;
}

int validate_command(const std::vector<std::string>& args) {
  RunArgs a = parse_run_args(args, false);
  double need = 0;
  try {
    if (is_sweep_file(a.scenario)) {
      if (!a.sets.empty())
        throw UsageError{"--set is for scenarios; a sweep fixes values in \"set\""};
      validate_sweep(a.scenario);
      return 0;
    }
    auto sc = scenario::load_scenario(a.scenario, a.sets);
    need = scenario::check_memory(sc, a.max_memory);
    engine::ManualScheduler sched;
    systems::World world(sched, 1);
    scenario::build_world(sc, world);
  } catch (const scenario::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  std::cout << a.scenario << ": ok (estimated memory " << scenario::format_bytes(need) << ")\n";
  return 0;
}

}  // namespace fleetsim::cli
