// MetricsCalibration: service-time models of a hub fitted from a scrape of its /metrics.
//
// Models: which histogram families say what (the names and labels client-go,
// controller-runtime and Hive export, and fleetsim's own metrics.om mirrors):
// - controller_runtime_reconcile_time_seconds{controller} (40 buckets 5 ms .. 60 s) and,
//   for controllers without it, workqueue_work_duration_seconds{name} (decades 1e-8 ..
//   1e3 s): a controller's reconcile service time -> `controllers.NAME.reconcile` =
//   [{"delay": fitted}] (a black-box wait; see docs/calibration-from-metrics.md);
// - rest_client_request_duration_seconds{verb, host} (client-go, 5 ms .. 60 s): API latency
//   per HTTP verb; the hub is the host with the most requests (or `hub_host`), every
//   other host is a spoke; hive_kube_client_request_seconds{controller, method, resource,
//   remote, status} (50 ms .. 120 s) when a role has no rest_client series: remote="false"
//   is the hub, "true" a spoke. Series are summed per verb like PromQL's `sum by (le)`;
//   `default` is the sum over every verb; LIST gets GET's fit (HTTP GET carries both).
//   -> `api_servers.hub.latency` and `fleet.spoke.latency`.
// The model is an environment model (`"environment": "NAME"` in a scenario) with a
// `provenance` object. Of several samples of one series (metrics.om has one per sample
// time), the one with the latest timestamp counts (the last one when there are none).
// Units: seconds. Invariants: pure; throws CalibrationError when nothing matches.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "calibrate/CalibrationError.hpp"
#include "calibrate/HistogramFit.hpp"
#include "calibrate/PrometheusText.hpp"

namespace fleetsim::calibrate {

struct CalibrationOptions {
  std::string controller;  // only this controller ("" = all)
  std::string hub_host;    // rest_client host of the hub ("" = the busiest)
  std::string source;      // scrape file name, for provenance
  std::string date;        // calibration date (YYYY-MM-DD), for provenance
  std::string tool;        // e.g. "fleetsim 0.1.0 calibrate --from-metrics"
};

// One fitted histogram (a series, or several summed) and where the model uses it.
struct FittedHistogram {
  std::string family;
  std::string labels;  // as shown: name="value",... (summed series: the common labels)
  int series = 1;      // series summed into this one
  HistogramStats stats;
  std::string target;  // model path it was written to ("" = not used)
};

struct Calibration {
  std::vector<FittedHistogram> fits;
  nlohmann::ordered_json model;
};

class MetricsCalibration {
 public:
  static Calibration calibrate(const PromExposition& scrape, const CalibrationOptions& options);
  // The fitted table, one row per fit, aligned columns.
  static std::string table(const Calibration& c);
  // A fitted distribution as the scenario format writes it: {"lognormal": {...}} or a
  // constant duration string; null when the fit has no value or one outside 1 ns .. 9e9 s
  // (what a scenario duration holds).
  static nlohmann::ordered_json distribution_json(const LognormalFit& fit);
};

}  // namespace fleetsim::calibrate
