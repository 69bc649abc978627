// Measurements: the latencies a calibration measured, per row of the table (an API
// operation) and concurrency level.
//
// Models: rows GET, POST (create), APPLY (server-side apply PATCH), PATCH (JSON merge
// PATCH after a GET, as client-side apply does; its GET counts under GET), DELETE.
// Units: seconds. Invariants: seconds holds one value per successful request; errors
// counts requests that failed (after retries); retries counts Retry-After waits.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace fleetsim::calibrate {

class Measurements {
 public:
  struct Series {
    std::vector<double> seconds;
    long long errors = 0;
    long long retries = 0;
  };

  // The rows in table order.
  static const std::vector<std::string>& rows();

  Series& at(const std::string& row, int level) { return data_[row][level]; }
  // Wall time the phases of `level` took (seconds), for the mean requests in flight.
  void add_elapsed(int level, double seconds) { elapsed_[level] += seconds; }
  // Little's law: the sum of the level's latencies over its wall time; 0 when unknown.
  double mean_in_flight(int level) const;
  // nullptr when nothing was recorded.
  const Series* find(const std::string& row, int level) const;
  void merge(const Measurements& other);
  const std::map<std::string, std::map<int, Series>>& data() const { return data_; }

 private:
  std::map<std::string, std::map<int, Series>> data_;
  std::map<int, double> elapsed_;
};

}  // namespace fleetsim::calibrate
