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

void Measurements::merge(const Measurements& other) {
  for (const auto& [row, levels] : other.data_)
    for (const auto& [level, s] : levels) {
      Series& d = data_[row][level];
      d.seconds.insert(d.seconds.end(), s.seconds.begin(), s.seconds.end());
      d.errors += s.errors;
      d.retries += s.retries;
    }
}

}  // namespace fleetsim::calibrate
