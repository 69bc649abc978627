// LiveCalibration: one calibration run against an API server, from /version to cleanup.
//
// Models: reads /version (gitVersion); creates or adopts the calibration namespace
// (CalibrationNamespace); runs the Workload; then always — normal end, failure, or stop()
// (SIGINT/SIGTERM) — deletes the namespace and waits for it to be gone.
// Invariants: when run() returns, the namespace is gone; when it throws LiveCalibrationError
// the message says what failed and whether the namespace was deleted (exit 1 failure,
// 2 a namespace that is not ours, 130 interrupted); nothing else is ever deleted.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "calibrate/Clock.hpp"
#include "calibrate/Measurements.hpp"
#include "calibrate/RequestSender.hpp"
#include "calibrate/Transport.hpp"
#include "calibrate/Workload.hpp"

namespace fleetsim::calibrate {

class LiveCalibration {
 public:
  struct Options {
    Workload::Options workload;
    std::string namespace_name;    // "" = fleetsim-calibrate-<random>
    double cleanup_timeout = 120;  // seconds
    RequestSender::Options sender;
  };
  struct Result {
    Measurements measurements;
    std::string server_version;
    std::string namespace_name;
  };

  LiveCalibration(Transport& transport, Clock& clock, Options options, std::function<bool()> stop,
                  std::ostream& log);
  Result run();

 private:
  std::string server_version(RequestSender& sender);

  Transport& transport_;
  Clock& clock_;
  Options options_;
  std::function<bool()> stop_;
  std::ostream& log_;
};

}  // namespace fleetsim::calibrate
