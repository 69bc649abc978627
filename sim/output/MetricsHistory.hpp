// MetricsHistory: the MetricsSnapshots of a whole run, kept compactly for metrics.om.
//
// Models: the time series a Prometheus server would have stored after scraping the
// simulated hub at every sample interval. A series starts at the first snapshot holding
// it and never ends (the model's metrics are cumulative or persistent gauges); a series
// missing from a later snapshot keeps its last values. Each value slot of a series (a
// histogram has one per bucket, plus sum and count) keeps only the samples where it
// changed, so idle phases cost nothing.
// Units: sample times in integer milliseconds of virtual time (OpenMetrics timestamps
// have millisecond precision in Prometheus); a snapshot falling in the same millisecond
// as the previous one replaces it.
// Memory: 12 bytes per changed value and 8 bytes per sample, plus the label sets.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "output/MetricsSnapshot.hpp"

namespace fleetsim::output {

class MetricsHistory {
 public:
  // One value slot over time: value[i] holds from sample at[i] until the next change.
  struct Slot {
    std::vector<std::uint32_t> at;
    std::vector<double> value;
  };
  struct Track {
    MetricLabels labels;
    std::uint32_t first = 0;  // index of the first sample holding the series
    std::vector<Slot> slots;  // one per value of the series
  };
  struct FamilyTrack {
    std::string name, help;
    MetricType type = MetricType::kGauge;
    std::vector<double> bounds;
    std::vector<Track> series;  // in order of first appearance
  };

  void record(const MetricsSnapshot& s);

  const std::vector<std::int64_t>& times_ms() const { return times_ms_; }
  const std::vector<FamilyTrack>& families() const { return families_; }
  std::size_t changed_values() const { return changed_; }

 private:
  Track& track(std::size_t family, const MetricSeries& s, std::size_t position);

  std::vector<std::int64_t> times_ms_;
  std::vector<FamilyTrack> families_;
  std::map<std::string, std::size_t> family_index_;
  std::vector<std::map<MetricLabels, std::size_t>> series_index_;  // per family
  std::size_t changed_ = 0;
};

}  // namespace fleetsim::output
