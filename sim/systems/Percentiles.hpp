// Percentiles: the summary.json form of a latency distribution of a system.
//
// Models: nothing; `p50`, `p99`, `mean`, `max` of a QuantileHistogram (percentiles within
// its 0.8 % bucket error, mean and max exact), each rounded to six significant figures.
// Units: those of the observed values (seconds).
#pragma once

#include <nlohmann/json.hpp>

#include "stats/QuantileHistogram.hpp"
#include "stats/SignificantFigures.hpp"

namespace fleetsim::systems {

inline nlohmann::ordered_json percentiles(const stats::QuantileHistogram& h) {
  return {{"p50", stats::six_figures(h.quantile(0.5))},
          {"p99", stats::six_figures(h.quantile(0.99))},
          {"mean", stats::six_figures(h.mean())},
          {"max", stats::six_figures(h.max())}};
}

}  // namespace fleetsim::systems
