// MetricsSnapshot: every metric family of a World at one instant of virtual time.
//
// Models: what one scrape of the simulated hub's /metrics endpoints would return (all
// controllers, clients and API servers at once), taken at each sample interval. Families
// are in a fixed order; the exposition (OpenMetricsWriter) turns it into text.
// Units: `time` in virtual seconds since the start of the run.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "output/MetricFamily.hpp"

namespace fleetsim::output {

struct MetricsSnapshot {
  double time = 0;
  std::deque<MetricFamily> families;  // a deque: references stay valid while adding

  // Appends an empty family and returns it.
  MetricFamily& add_family(std::string name, std::string help, MetricType type,
                           std::vector<double> bounds = {}) {
    families.push_back(MetricFamily{std::move(name), std::move(help), type, std::move(bounds), {}});
    return families.back();
  }
};

}  // namespace fleetsim::output
