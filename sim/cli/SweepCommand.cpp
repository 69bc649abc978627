// fleetsim sweep SWEEP.json --out DIR [--jobs N] [--shard I/N] [--quiet]
// fleetsim sweep emit-job SWEEP.json --shards N [--out FILE] [--image IMAGE] ...
// fleetsim sweep merge DIR... --out DIR
#include "cli/SweepCommand.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <set>
#include <thread>

#include "cli/Commands.hpp"
#include "cli/SweepJobManifest.hpp"
#include "cli/SweepResults.hpp"
#include "cli/SweepRunner.hpp"
#include "cli/SweepSpec.hpp"
#include "scenario/InputError.hpp"
#include "scenario/JsoncDocument.hpp"

namespace fleetsim::cli {

namespace {

namespace fs = std::filesystem;
using Json = SweepSpec::Json;

std::string value_of(const std::vector<std::string>& a, std::size_t& i) {
  if (i + 1 >= a.size()) throw UsageError{a[i] + " needs a value"};
  return a[++i];
}

unsigned parse_count(const std::string& opt, const std::string& v, unsigned max) {
  if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(v) < 1 || std::stoul(v) > max)
    throw UsageError{opt + " needs an integer from 1 to " + std::to_string(max) + ", got \"" + v +
                     "\""};
  return static_cast<unsigned>(std::stoul(v));
}

std::pair<unsigned, unsigned> parse_shard(const std::string& v) {
  const auto slash = v.find('/');
  auto digits = [](const std::string& x) {
    return !x.empty() && x.size() < 7 && x.find_first_not_of("0123456789") == std::string::npos;
  };
  if (slash == std::string::npos || !digits(v.substr(0, slash)) || !digits(v.substr(slash + 1)))
    throw UsageError{"--shard needs I/N (0 <= I < N), got \"" + v + "\""};
  const unsigned i = std::stoul(v.substr(0, slash)), n = std::stoul(v.substr(slash + 1));
  if (n < 1 || i >= n) throw UsageError{"--shard needs I/N with 0 <= I < N, got \"" + v + "\""};
  return {i, n};
}

// The points of `spec` to evaluate, by bisection (objective "minimize") or best-first
// pruning (objective "cost"); runs them through `evaluate`, records what was inferred.
void search(const SweepSpec& spec, SweepResults& results,
            const std::function<void(const std::vector<std::size_t>&)>& evaluate) {
  const std::size_t k = spec.batch();
  auto run = [&](std::vector<std::size_t> pts) {
    std::sort(pts.begin(), pts.end());
    evaluate(pts);
    results.mark_evaluated(pts);
  };
  if (!spec.cost()) {
    // Bisection along the minimized parameter, for each combination of the others.
    std::size_t m = 0;
    while (spec.parameters()[m].path != spec.minimize()) ++m;
    const std::size_t n = spec.parameters()[m].values.size();
    std::set<std::vector<std::size_t>> groups;
    for (std::size_t p = 0; p < spec.point_count(); ++p) {
      auto c = spec.coordinates(p);
      c[m] = 0;
      groups.insert(c);
    }
    for (auto c : groups) {
      auto at = [&](std::size_t v) {
        c[m] = v;
        return spec.index_of(c);
      };
      std::size_t lo = 0, hi = n;  // values < lo fail, values >= hi hold (hi = n: none known)
      std::size_t last_fail = n;
      while (lo < hi) {
        std::vector<std::size_t> probes;
        for (std::size_t j = 1; j <= k; ++j) {
          std::size_t v = lo + (hi - lo) * j / (k + 1);
          if (hi == n && j == k && k > 1) v = hi - 1;  // also try the largest value early
          if (v < hi && (probes.empty() || at(v) != probes.back())) probes.push_back(at(v));
        }
        run(probes);
        for (auto p : probes) {
          const std::size_t v = spec.coordinates(p)[m];
          if (*results.verdict(p)) {
            hi = std::min(hi, v);
          } else if (v >= lo) {
            lo = v + 1;
            last_fail = v;
          }
        }
        if (lo > hi) lo = hi;  // a non-monotone group: keep the smallest passing value
      }
      if (last_fail != n)
        for (std::size_t v = 0; v < std::min(hi, n); ++v)
          if (!results.evaluated(at(v))) results.infer_failure(at(v), at(last_fail));
    }
    return;
  }
  // Best-first by cost: a point below-or-equal to a failing one fails (pruned).
  const auto order = spec.cheapest_first();
  std::vector<std::size_t> failing;
  for (;;) {
    std::vector<std::size_t> batch;
    for (std::size_t p : order) {
      if (results.evaluated(p)) {
        if (*results.verdict(p)) break;
        continue;
      }
      bool pruned = false;
      for (std::size_t f : failing)
        if (spec.below_or_equal(p, f)) {
          results.infer_failure(p, f);
          pruned = true;
          break;
        }
      if (pruned) continue;
      batch.push_back(p);
      if (batch.size() == k) break;
    }
    if (batch.empty()) return;
    run(batch);
    for (auto p : batch)
      if (!*results.verdict(p)) failing.push_back(p);
  }
}

int run_sweep(const std::vector<std::string>& a) {
  std::string file, out;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::optional<std::pair<unsigned, unsigned>> shard;
  bool quiet = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& x = a[i];
    if (x == "--out") {
      out = value_of(a, i);
    } else if (x == "--jobs") {
      jobs = parse_count("--jobs", value_of(a, i), 4096);
    } else if (x == "--shard") {
      shard = parse_shard(value_of(a, i));
    } else if (x == "--quiet") {
      quiet = true;
    } else if (!x.empty() && x[0] == '-') {
      throw UsageError{"unknown option " + x};
    } else if (file.empty()) {
      file = x;
    } else {
      throw UsageError{"unexpected argument " + x};
    }
  }
  if (file.empty()) throw UsageError{"missing SWEEP"};
  if (out.empty()) throw UsageError{"missing --out DIR"};
  const auto t0 = std::chrono::steady_clock::now();
  const SweepSpec spec = SweepSpec::load(file);
  SweepResults results(spec);
  SweepRunner runner(spec, out, jobs, quiet);
  auto evaluate = [&](const std::vector<std::size_t>& pts) {
    runner.run(pts);
    for (auto p : pts)
      for (auto s : spec.seeds()) results.load(p, s, runner.seed_dir(p, s));
  };
  std::string mode;
  if (shard) {
    std::vector<std::size_t> pts;
    for (std::size_t p = shard->first; p < spec.point_count(); p += shard->second) pts.push_back(p);
    evaluate(pts);
    results.mark_evaluated(pts);
    mode = "shard " + std::to_string(shard->first) + "/" + std::to_string(shard->second);
  } else if (spec.search()) {
    search(spec, results, evaluate);
    mode = "search";
  } else {
    std::vector<std::size_t> pts(spec.point_count());
    for (std::size_t p = 0; p < pts.size(); ++p) pts[p] = p;
    evaluate(pts);
    results.mark_evaluated(pts);
    mode = "grid";
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  results.write(out, mode, wall);
  if (!quiet) {
    std::cout << results.sentence() << "\n";
    std::cout << "sweep: " << (mode == "search" ? "search evaluated " : "evaluated ")
              << (spec.search() && !shard ? results.json(mode, -1)["evaluated"].size()
                                          : results.json(mode, -1)["evaluated"].size())
              << " of " << spec.point_count() << " points (" << runner.skipped()
              << " runs resumed), " << out << "/sweep.json, " << out << "/sweep.csv\n";
  }
  return 0;
}

int merge(const std::vector<std::string>& a) {
  std::vector<std::string> dirs;
  std::string out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == "--out")
      out = value_of(a, i);
    else if (!a[i].empty() && a[i][0] == '-')
      throw UsageError{"unknown option " + a[i]};
    else
      dirs.push_back(a[i]);
  }
  if (dirs.empty()) throw UsageError{"missing DIR (shard outputs)"};
  if (out.empty()) throw UsageError{"missing --out DIR"};
  std::optional<SweepSpec> spec;
  Json first;
  for (const auto& d : dirs) {
    std::ifstream in(fs::path(d) / "sweep.json");
    if (!in) {
      std::cerr << d << "/sweep.json: cannot read (not a sweep output?)\n";
      return 2;
    }
    Json j = Json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.contains("spec")) {
      std::cerr << d << "/sweep.json: not a sweep.json\n";
      return 2;
    }
    if (!spec) {
      spec = SweepSpec::from_json(j["spec"], j["sweep"].get<std::string>(),
                                  j["base"].get<std::string>());
      first = j;
    } else if (j["spec"] != first["spec"]) {
      std::cerr << d << "/sweep.json: another sweep than " << dirs[0] << "'s (spec differs)\n";
      return 2;
    }
  }
  SweepResults results(*spec);
  std::vector<std::size_t> found;
  for (std::size_t p = 0; p < spec->point_count(); ++p) {
    for (const auto& d : dirs) {
      bool all = true;
      for (auto s : spec->seeds())
        all = all && fs::is_regular_file(fs::path(d) / "points" / SweepSpec::point_id(p) /
                                         ("seed-" + std::to_string(s)) / "summary.json");
      if (!all) continue;
      for (auto s : spec->seeds())
        results.load(
            p, s, fs::path(d) / "points" / SweepSpec::point_id(p) / ("seed-" + std::to_string(s)));
      found.push_back(p);
      break;
    }
  }
  results.mark_evaluated(found);
  results.write(out, "merge", -1);
  std::cout << results.sentence() << "\n"
            << "sweep merge: " << found.size() << " of " << spec->point_count() << " points, "
            << out << "/sweep.json, " << out << "/sweep.csv\n";
  return 0;
}

int emit_job(const std::vector<std::string>& a) {
  SweepJobManifest job;
  std::string out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& x = a[i];
    if (x == "--shards") {
      job.shards = parse_count("--shards", value_of(a, i), 100000);
    } else if (x == "--parallelism") {
      job.parallelism = parse_count("--parallelism", value_of(a, i), 100000);
    } else if (x == "--out") {
      out = value_of(a, i);
    } else if (x == "--image") {
      job.image = value_of(a, i);
    } else if (x == "--claim") {
      job.claim = value_of(a, i);
    } else if (x == "--workdir") {
      job.workdir = value_of(a, i);
    } else if (x == "--name") {
      job.name = value_of(a, i);
    } else if (!x.empty() && x[0] == '-') {
      throw UsageError{"unknown option " + x};
    } else if (job.sweep_file.empty()) {
      job.sweep_file = x;
    } else {
      throw UsageError{"unexpected argument " + x};
    }
  }
  if (job.sweep_file.empty()) throw UsageError{"missing SWEEP"};
  if (!job.shards) throw UsageError{"missing --shards N"};
  const std::string yaml = job.yaml(SweepSpec::load(job.sweep_file));
  if (out.empty() || out == "-") {
    std::cout << yaml;
  } else {
    std::ofstream f(out);
    f << yaml;
    if (!f) {
      std::cerr << "fleetsim sweep emit-job: cannot write " << out << "\n";
      return 2;
    }
  }
  return 0;
}

}  // namespace

std::string sweep_usage() {
  return R"(usage: fleetsim sweep SWEEP --out DIR [--jobs N] [--shard I/N] [--quiet]
       fleetsim sweep emit-job SWEEP --shards N [--out FILE] [--image IMAGE]
                      [--claim PVC] [--workdir DIR] [--parallelism N] [--name NAME]
       fleetsim sweep merge DIR... --out DIR

Runs the points of a sweep file (docs/sweeps.md): variants of a base scenario, each
point x seed a `fleetsim run` in its own process, results under DIR/points/<id>/seed-<s>/
(resumable: complete runs are skipped), then DIR/sweep.csv (one row per point x seed)
and DIR/sweep.json (points, verdicts of the constraint, the answer). With "search" in
the sweep file only the points a bisection / pruned search needs are run.

  --out DIR          output directory
  --jobs N           runs at a time (default: the number of cores)
  --shard I/N        run only the points whose index % N == I (full grid; merge later)
  --quiet            no progress, no answer on stdout
emit-job: a Kubernetes Indexed Job (completionMode: Indexed) running shard
JOB_COMPLETION_INDEX of N per pod, results on a PersistentVolumeClaim at /results.
merge: joins shard outputs into one sweep.csv / sweep.json.
)";
}

bool is_sweep_file(const std::string& file) {
  const auto root = scenario::JsoncDocument::load(file).root();
  return root.is_object() && root.contains("base") && root.contains("parameters");
}

void validate_sweep(const std::string& file) {
  const SweepSpec spec = SweepSpec::load(file);
  const std::size_t runs = spec.point_count() * spec.seeds().size();
  std::cout << file << ": ok (sweep: " << spec.point_count() << " points x " << spec.seeds().size()
            << " seeds = " << runs << " runs of " << spec.base_path()
            << (spec.search() ? "; the search runs only those it needs" : "") << ")\n";
}

int sweep_command(const std::vector<std::string>& args) {
  try {
    if (!args.empty() && args[0] == "emit-job")
      return emit_job(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "merge")
      return merge(std::vector<std::string>(args.begin() + 1, args.end()));
    return run_sweep(args);
  } catch (const scenario::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const SweepRunner::Failure& f) {
    std::cerr << "fleetsim sweep: " << f.message << "\n";
    return f.exit_code;
  }
}

}  // namespace fleetsim::cli
