// CalibratedModel: turns Measurements into a latency model file (the format of
// models/example-spoke.json, loaded by the scenario loader) and the table calibrate prints.
//
// Models: per model verb, a lognormal fitted (SampleStats, MLE) at the lowest level:
// GET <- GET, POST <- POST, PATCH <- APPLY and PATCH pooled (the simulated API server has
// one PATCH latency), DELETE <- DELETE, default <- every row pooled; verbs without
// samples fall back to `default`. load_curve: one point per level L, [L, f(L)], f = the
// geometric mean over rows measured at both levels of median(L) / median(lowest), so
// f(lowest) = 1; ApiServer multiplies a sampled latency by f(requests in flight), and L
// workers keep about L requests in flight. provenance records the server's address and
// version, the date, the levels, counts, errors, quantiles and fits per row and level,
// the mean requests in flight per level;
// never credentials.
// Units: seconds inside; durations written as Go duration strings to the microsecond
// (at least 1us), quantiles in the table
// and provenance in milliseconds. Invariants: pure; throws std::invalid_argument when the
// lowest level has no sample at all.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "calibrate/Measurements.hpp"

namespace fleetsim::calibrate {

struct Provenance {
  std::string server;          // scheme://host:port
  std::string server_version;  // /version gitVersion
  std::string date;            // ISO 8601 UTC, when the calibration ended
  std::string fleetsim_version;
  std::vector<int> levels;
  int requests = 0;     // per row and level (bound)
  double duration = 0;  // seconds per row and level (cap), 0 = none
  int object_size = 0;  // bytes of ConfigMap data
  double qps = 0;       // client QPS cap, 0 = none
};

class CalibratedModel {
 public:
  static nlohmann::ordered_json build(const Measurements& m, const Provenance& p);
  // The model file's text: a // comment line, then the model with one line per verb and
  // the load curve on one line (provenance indented), ending in a newline.
  static std::string text(const nlohmann::ordered_json& model);
  static std::vector<std::pair<int, double>> load_curve(const Measurements& m,
                                                        const std::vector<int>& levels);
  // verb x level: n, p50, p90, p99, p99.9 (ms), lognormal median and p99 (ms), errors;
  // then per level the mean requests in flight (Measurements::mean_in_flight).
  static std::string table(const Measurements& m, const std::vector<int>& levels);
};

}  // namespace fleetsim::calibrate
