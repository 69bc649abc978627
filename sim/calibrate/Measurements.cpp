#include "calibrate/Measurements.hpp"

namespace fleetsim::calibrate {

const std::vector<std::string>& Measurements::rows() {
  static const std::vector<std::string> r{"GET", "POST", "APPLY", "PATCH", "DELETE"};
  return r;
}

const Measurements::Series* Measurements::find(const std::string& row, int level) const {
  const auto r = data_.find(row);
  if (r == data_.end()) return nullptr;
  const auto l = r->second.find(level);
  return l == r->second.end() ? nullptr : &l->second;
}

double Measurements::mean_in_flight(int level) const {
  const auto e = elapsed_.find(level);
  if (e == elapsed_.end() || !(e->second > 0)) return 0;
  double busy = 0;
  for (const auto& [row, levels] : data_) {
    const auto s = levels.find(level);
    if (s == levels.end()) continue;
    for (double x : s->second.seconds) busy += x;
  }
  return busy / e->second;
}

void Measurements::merge(const Measurements& other) {
  for (const auto& [row, levels] : other.data_)
    for (const auto& [level, s] : levels) {
      Series& d = data_[row][level];
      d.seconds.insert(d.seconds.end(), s.seconds.begin(), s.seconds.end());
      d.errors += s.errors;
      d.retries += s.retries;
    }
  for (const auto& [level, e] : other.elapsed_) elapsed_[level] += e;
}

}  // namespace fleetsim::calibrate
