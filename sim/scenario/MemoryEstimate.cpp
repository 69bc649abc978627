#include "scenario/MemoryEstimate.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "scenario/InputError.hpp"
#include "scenario/JsonValues.hpp"
#include "scenario/Quantity.hpp"

namespace fleetsim::scenario {

namespace {

// Per-object costs in bytes of peak RSS, measured with /usr/bin/time on the release build
// (the runs are listed in docs/reliability.md, "Memory estimate").
constexpr double kFixed = 35e6;            // any small scenario: binary, SimGrid, histograms
constexpr double kPerSsiSlot = 50;         // SyncSetInstance: queue, limiter, state, timer
constexpr double kPerCluster = 70;         // fleet: cluster object, labels, match flags
constexpr double kPerClusterSync = 65;     // ClusterSync era: state, lease, queue, timer
constexpr double kPerSpoke = 1400;         // one spoke API server
constexpr double kPerWorker = 150;         // a controller worker's coroutine
constexpr double kPerKey = 35;             // a steps controller's key: queue entry, state
constexpr double kPerReplica = 2330;       // a serving replica
constexpr double kPerServingWorker = 150;  // a worker process of a replica
constexpr double kPerSample = 100;         // one sample of the time series: time, totals
constexpr double kPerSystemSample = 1300;  // a busy controller or serving system per sample
constexpr double kPerHostSample = 50;      // a host per sample

double number(const Json& j, const char* key, double otherwise = 0) {
  return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : otherwise;
}

// The sum of the parts, and the value whose part is the largest (blamed when refused).
struct Parts {
  double total = 0;
  double largest = 0;
  std::string path;

  void add(double bytes, const std::string& of) {
    total += bytes;
    if (bytes > largest) largest = bytes, path = of;
  }
};

// The controllers; counts the systems sampled in `systems`. `last_arrival` is the latest
// end of the controllers' sources (seconds), or infinity when some controller runs without.
void controllers_part(const Json& root, double clusters, Parts& parts, double& systems,
                      double& last_arrival) {
  const double syncsets = number(root["hive"], "selector_syncsets");
  for (const auto& [name, c] : root["controllers"].items()) {
    const std::string path = "controllers." + name;
    const std::string type = c["type"].get<std::string>();
    const double replicas = number(c, "replicas", 1);
    parts.add(kPerWorker * number(c, "workers") * replicas, path + ".workers");
    systems += replicas;
    if (type == "hive-syncsetinstance")
      parts.add(kPerSsiSlot * clusters * syncsets, "hive.selector_syncsets");
    if (type == "hive-clustersync") parts.add(kPerClusterSync * clusters, "fleet.clusters");
    if (type != "steps") {
      last_arrival = std::numeric_limits<double>::infinity();
      continue;
    }
    double keys = number(c, "keys");
    std::string keys_path = path + ".keys";
    if (c.contains("source")) {
      const Json& src = c["source"];
      if (number(src, "count") > keys)
        keys = number(src, "count"), keys_path = path + ".source.count";
      last_arrival =
          std::max(last_arrival, duration_value(src["start"]) +
                                     number(src, "count") / number(src, "rate_per_s", 1));
    } else {
      last_arrival = std::numeric_limits<double>::infinity();
    }
    if (keys == 0) keys = clusters, keys_path = "fleet.clusters";
    parts.add(kPerKey * keys, keys_path);
  }
}

void serving_part(const Json& root, Parts& parts, double& systems) {
  for (const auto& [name, s] : root["serving"].items()) {
    const std::string path = "serving." + name;
    const Json& r = s["replicas"];
    double replicas = number(r, "count", 1);
    std::string replicas_path = path + ".replicas.count";
    if (s["autoscaler"]["enabled"].get<bool>() &&
        number(s["autoscaler"], "max_replicas", 1) > replicas)
      replicas = number(s["autoscaler"], "max_replicas", 1),
      replicas_path = path + ".autoscaler.max_replicas";
    double workers = number(r, "workers");
    if (workers == 0) workers = std::ceil(std::max(1.0, cpu_value(r["cpu_limit"])));
    parts.add(replicas * (kPerReplica + workers * kPerServingWorker), replicas_path);
    parts.add(kPerKey * number(s["source"], "jobs"), path + ".source.jobs");
    parts.add(16.0 * static_cast<double>(s["source"]["trace"].size()), path + ".source.trace");
    systems += 1;
  }
}

Parts estimate(const Scenario& sc, double horizon) {
  const Json& root = sc.resolved;
  const double clusters = number(root["fleet"], "clusters");
  Parts parts;
  parts.add(kFixed, "");
  parts.add(kPerCluster * clusters, "fleet.clusters");
  // Cluster i talks to spoke i mod spokes: at most one spoke per cluster.
  parts.add(kPerSpoke * std::min(clusters, number(root["fleet"], "spokes", 1)), "fleet.spokes");
  double systems = 0, last_arrival = 0;
  controllers_part(root, clusters, parts, systems, last_arrival);
  serving_part(root, parts, systems);
  // Samples while something happens: a fleet or a serving system may be busy until the
  // horizon; controllers fed only by sources are idle soon after their last arrival (idle
  // samples cost next to nothing: the metrics keep changes only).
  if (horizon < 0) horizon = duration_value(root["stop"]["horizon"]);
  double busy = horizon;
  if (clusters == 0 && root["serving"].empty()) busy = std::min(horizon, 1.1 * last_arrival);
  const double samples = busy / duration_value(root["output"]["sample_interval"]);
  const double hosts = static_cast<double>(root["platform"]["hosts"].size());
  parts.add(samples * (kPerSample + kPerSystemSample * systems + kPerHostSample * hosts),
            "output.sample_interval");
  return parts;
}

}  // namespace

double estimate_memory(const Scenario& sc, double horizon) {
  return estimate(sc, horizon).total;
}

double check_memory(const Scenario& sc, double limit_bytes, double horizon) {
  const Parts need = estimate(sc, horizon);
  if (need.total > limit_bytes) {
    const Location at =
        sc.locator && !need.path.empty() ? sc.locator->value(need.path) : Location{sc.file, 0, 0};
    throw InputError(at, need.path,
                     "estimated memory " + format_bytes(need.total) + " exceeds the limit " +
                         format_bytes(limit_bytes) + " (--max-memory); the largest part is " +
                         format_bytes(need.largest) + " for this value");
  }
  return need.total;
}

double default_memory_limit() {
  std::ifstream in("/proc/meminfo");
  std::string key, unit;
  double kib = 0;
  while (in >> key >> kib >> unit)
    if (key == "MemTotal:") return 0.8 * kib * 1024;
  return 16.0 * (1 << 30);
}

double parse_size(std::string_view text) {
  std::string_view q = text;
  if (q.size() > 1 && q.back() == 'B' && !std::isdigit(static_cast<unsigned char>(q[q.size() - 2])))
    q.remove_suffix(1);  // "10MiB", "2GB"
  const double bytes = parse_memory(q);
  if (!(bytes > 0))
    throw std::invalid_argument("a size must be > 0, got \"" + std::string(text) + "\"");
  return bytes;
}

std::string format_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024 && u < 6) bytes /= 1024, ++u;
  char buf[64];
  if (u == 0)
    std::snprintf(buf, sizeof buf, "%.0f B", bytes);
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", bytes, kUnits[u]);
  return buf;
}

}  // namespace fleetsim::scenario
