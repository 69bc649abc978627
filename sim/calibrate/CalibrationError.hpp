// CalibrationError: a scrape that parses but gives nothing to calibrate (no histogram of the
// families read, a --controller or --hub-host that is not in it). The message is complete
// but for the file name, which the command puts in front; it then exits 2.
#pragma once

#include <stdexcept>
#include <string>

namespace fleetsim::calibrate {

class CalibrationError : public std::runtime_error {
 public:
  explicit CalibrationError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace fleetsim::calibrate
