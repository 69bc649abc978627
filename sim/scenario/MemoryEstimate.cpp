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

// Bytes of the controllers; counts the systems sampled in `systems`. `last_arrival` is the
// latest end of the controllers' sources (seconds), or infinity when some controller runs
// without one.
double controllers_part(const Json& root, double clusters, double& systems, double& last_arrival) {
  double bytes = 0;
  const double syncsets = number(root["hive"], "selector_syncsets");
  for (const auto& [name, c] : root["controllers"].items()) {
    const std::string type = c["type"].get<std::string>();
    const double replicas = number(c, "replicas", 1);
    bytes += kPerWorker * number(c, "workers") * replicas;
    systems += replicas;
    if (type == "hive-syncsetinstance") bytes += kPerSsiSlot * clusters * syncsets;
    if (type == "hive-clustersync") bytes += kPerClusterSync * clusters;
    if (type != "steps") {
      last_arrival = std::numeric_limits<double>::infinity();
      continue;
    }
    double keys = number(c, "keys");
    if (c.contains("source")) {
      const Json& src = c["source"];
      keys = std::max(keys, number(src, "count"));
      last_arrival =
          std::max(last_arrival, duration_value(src["start"]) +
                                     number(src, "count") / number(src, "rate_per_s", 1));
    } else {
      last_arrival = std::numeric_limits<double>::infinity();
    }
    if (keys == 0) keys = clusters;
    bytes += kPerKey * keys;
  }
  return bytes;
}

double serving_part(const Json& root, double& systems) {
  double bytes = 0;
  for (const auto& [name, s] : root["serving"].items()) {
    const Json& r = s["replicas"];
    double replicas = number(r, "count", 1);
    if (s["autoscaler"]["enabled"].get<bool>())
      replicas = std::max(replicas, number(s["autoscaler"], "max_replicas", 1));
    double workers = number(r, "workers");
    if (workers == 0) workers = std::ceil(std::max(1.0, cpu_value(r["cpu_limit"])));
    bytes += replicas * (kPerReplica + workers * kPerServingWorker);
    bytes += kPerKey * number(s["source"], "jobs");
    bytes += 16.0 * static_cast<double>(s["source"]["trace"].size());
    systems += 1;
  }
  return bytes;
}

}  // namespace

double estimate_memory(const Scenario& sc, double horizon) {
  const Json& root = sc.resolved;
  const double clusters = number(root["fleet"], "clusters");
  double bytes = kFixed + kPerCluster * clusters;
  // Cluster i talks to spoke i mod spokes: at most one spoke per cluster.
  bytes += kPerSpoke * std::min(clusters, number(root["fleet"], "spokes", 1));
  double systems = 0, last_arrival = 0;
  bytes += controllers_part(root, clusters, systems, last_arrival);
  bytes += serving_part(root, systems);
  // Samples while something happens: a fleet or a serving system may be busy until the
  // horizon; controllers fed only by sources are idle soon after their last arrival (idle
  // samples cost next to nothing: the metrics keep changes only).
  if (horizon < 0) horizon = duration_value(root["stop"]["horizon"]);
  double busy = horizon;
  if (clusters == 0 && root["serving"].empty()) busy = std::min(horizon, 1.1 * last_arrival);
  const double samples = busy / duration_value(root["output"]["sample_interval"]);
  const double hosts = static_cast<double>(root["platform"]["hosts"].size());
  return bytes + samples * (kPerSample + kPerSystemSample * systems + kPerHostSample * hosts);
}

double check_memory(const Scenario& sc, double limit_bytes, double horizon) {
  const double need = estimate_memory(sc, horizon);
  if (need > limit_bytes)
    throw InputError(Location{sc.file, 0, 0}, "",
                     "estimated memory " + format_bytes(need) + " exceeds the limit " +
                         format_bytes(limit_bytes) + " (--max-memory)");
  return need;
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
