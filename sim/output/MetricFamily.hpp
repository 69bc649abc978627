// MetricFamily: one Prometheus metric family at one instant: name, help, type, series.
//
// Models: a MetricFamily of the OpenMetrics data model. Every series has the family's
// type. A counter's name is given without its `_total` suffix (the exposition adds it to
// sample names). A histogram series holds its cumulative bucket counts (one per finite
// bound, then +Inf), its sum and its count.
// Units: whatever the family name says (seconds, cores, ...).
// Invariants: series of one family have distinct label sets; a histogram series has
// bounds.size() + 3 values, any other series one. Labels are sorted by name when added (as
// client_golang exposes them).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "stats/Histogram.hpp"

namespace fleetsim::output {

enum class MetricType { kCounter, kGauge, kHistogram };

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

struct MetricSeries {
  MetricLabels labels;
  std::vector<double> values;
};

struct MetricFamily {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;
  std::vector<double> bounds;  // histograms: the finite upper bounds (le); +Inf is implied
  std::vector<MetricSeries> series;

  // A counter or gauge series.
  void add(MetricLabels labels, double value);
  // A histogram series; `h` must have this family's bounds.
  void add(MetricLabels labels, const stats::Histogram& h);
};

}  // namespace fleetsim::output
