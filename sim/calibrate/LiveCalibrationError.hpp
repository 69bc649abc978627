// LiveCalibrationError: a calibration that cannot go on — the cluster refused, a request
// failed beyond --max-errors, the namespace belongs to someone else, or a signal.
//
// Models: the message for the user and the exit code (1 a failure of the cluster or the
// network, 2 refused input such as a namespace that is not ours, 130 interrupted).
// Invariants: what() names the request and the server's answer, never a credential.
#pragma once

#include <stdexcept>
#include <string>

#include "calibrate/HttpMessage.hpp"

namespace fleetsim::calibrate {

class LiveCalibrationError : public std::runtime_error {
 public:
  LiveCalibrationError(int exit_code, const std::string& message)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

  // "POST /api/v1/namespaces: HTTP 403: <the Status message>" (the message of a
  // Kubernetes Status body when there is one, cut to 300 characters).
  static std::string describe(const HttpRequest& request, const HttpResponse& response);

 private:
  int exit_code_;
};

}  // namespace fleetsim::calibrate
