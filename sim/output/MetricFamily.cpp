#include "output/MetricFamily.hpp"

#include <algorithm>
#include <cassert>

namespace fleetsim::output {

namespace {
MetricLabels sorted(MetricLabels l) {
  std::sort(l.begin(), l.end());
  return l;
}
}  // namespace

void MetricFamily::add(MetricLabels labels, double value) {
  assert(type != MetricType::kHistogram);
  series.push_back(MetricSeries{sorted(std::move(labels)), {value}});
}

void MetricFamily::add(MetricLabels labels, const stats::Histogram& h) {
  assert(type == MetricType::kHistogram && h.bounds() == bounds);
  MetricSeries s{sorted(std::move(labels)), {}};
  s.values.reserve(bounds.size() + 3);
  for (const auto c : h.cumulative_counts()) s.values.push_back(static_cast<double>(c));
  s.values.push_back(h.sum());
  s.values.push_back(static_cast<double>(h.count()));
  series.push_back(std::move(s));
}

}  // namespace fleetsim::output
