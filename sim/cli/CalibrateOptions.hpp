// CalibrateOptions: the command line of `fleetsim calibrate --kubeconfig` (docs/calibration.md).
//
// Models nothing; parsing. Every bad value is a UsageError (exit 2) naming the option.
// Defaults: --levels 1,5,20, --requests 100, no --duration, --object-size 1024,
// --qps 0 (no cap), --timeout 30s, --max-retries 10, --max-errors 0, --cleanup-timeout 2m.
// Invariants after parse(): kubeconfig and out are set; levels strictly increasing in
// 1..1000; requests >= 1; object size in 0..1048576 (the API server's object limit is
// ~1.5 MB); timeouts > 0.
#pragma once

#include <string>
#include <vector>

#include "calibrate/LiveCalibration.hpp"

namespace fleetsim::cli {

struct CalibrateOptions {
  std::string kubeconfig;
  std::string context;
  std::string out;
  bool insecure_http = false;
  double timeout = 30;
  calibrate::LiveCalibration::Options calibration;

  static CalibrateOptions parse(const std::vector<std::string>& args);
};

}  // namespace fleetsim::cli
