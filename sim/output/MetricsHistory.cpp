#include "output/MetricsHistory.hpp"

#include <cassert>
#include <cmath>

namespace fleetsim::output {

void MetricsHistory::record(const MetricsSnapshot& s) {
  const auto ms = static_cast<std::int64_t>(std::llround(s.time * 1000));
  assert(times_ms_.empty() || ms >= times_ms_.back());
  if (!times_ms_.empty() && ms == times_ms_.back()) {
    // Same millisecond as the last sample: forget the last sample's changes, record again.
    const auto last = static_cast<std::uint32_t>(times_ms_.size() - 1);
    for (auto& f : families_)
      for (auto& t : f.series)
        for (auto& slot : t.slots)
          if (!slot.at.empty() && slot.at.back() == last) {
            slot.at.pop_back();
            slot.value.pop_back();
            --changed_;
          }
    times_ms_.pop_back();
  }
  const auto sample = static_cast<std::uint32_t>(times_ms_.size());
  times_ms_.push_back(ms);
  for (const auto& f : s.families) {
    auto [it, added] = family_index_.try_emplace(f.name, families_.size());
    if (added) {
      families_.push_back(FamilyTrack{f.name, f.help, f.type, f.bounds, {}});
      series_index_.emplace_back();
    }
    const std::size_t fi = it->second;
    assert(families_[fi].type == f.type && families_[fi].bounds == f.bounds);
    for (std::size_t i = 0; i < f.series.size(); ++i) {
      const auto& series = f.series[i];
      Track& t = track(fi, series, i);
      if (t.slots.empty()) {
        t.first = sample;
        t.slots.resize(series.values.size());
      }
      assert(t.slots.size() == series.values.size());
      for (std::size_t v = 0; v < series.values.size(); ++v) {
        Slot& slot = t.slots[v];
        const double x = series.values[v];
        // Bitwise comparison: -0.0 vs 0.0 or NaN would otherwise never or always differ.
        if (!slot.value.empty() && std::signbit(slot.value.back()) == std::signbit(x) &&
            (slot.value.back() == x || (std::isnan(x) && std::isnan(slot.value.back()))))
          continue;
        slot.at.push_back(sample);
        slot.value.push_back(x);
        ++changed_;
      }
    }
  }
}

MetricsHistory::Track& MetricsHistory::track(std::size_t fi, const MetricSeries& s,
                                             std::size_t position) {
  auto& tracks = families_[fi].series;
  // Snapshots list series in the same order every time: try the same position first.
  if (position < tracks.size() && tracks[position].labels == s.labels) return tracks[position];
  auto [it, added] = series_index_[fi].try_emplace(s.labels, tracks.size());
  if (added) tracks.push_back(Track{s.labels, 0, {}});
  return tracks[it->second];
}

}  // namespace fleetsim::output
