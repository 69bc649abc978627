// CalibrationNamespace: the one namespace a calibration creates, works in and deletes.
//
// Models: the namespace is fleetsim-calibrate-<5 random characters> (or the name the
// user gives), labelled app.kubernetes.io/managed-by=fleetsim. A random name that exists
// already is replaced by another; a given name that exists with the label is adopted (a
// leftover of an interrupted run); one without the label is refused (LiveCalibrationError,
// exit 2) and nothing is touched. remove() deletes only this namespace (Kubernetes deletes
// what is inside) and waits until a GET answers 404.
// Invariants: nothing is deleted unless create() succeeded or adopted; never deletes a
// namespace it did not create or find labelled.
#pragma once

#include <ostream>
#include <string>

#include "calibrate/Clock.hpp"
#include "calibrate/RequestSender.hpp"
#include "calibrate/Transport.hpp"

namespace fleetsim::calibrate {

class CalibrationNamespace {
 public:
  static constexpr const char* kLabelKey = "app.kubernetes.io/managed-by";
  static constexpr const char* kLabelValue = "fleetsim";

  CalibrationNamespace(Transport& transport, RequestSender& sender, std::ostream& log);

  // Creates or adopts the namespace; returns its name. Throws LiveCalibrationError or
  // TransportError.
  std::string create(const std::string& wanted);
  // Whether create() succeeded (so remove() has something to delete).
  bool owned() const { return owned_; }
  const std::string& name() const { return name_; }
  // Deletes the namespace and waits for it to be gone (polling every poll seconds, up to
  // timeout). Returns "" on success, else what went wrong.
  std::string remove(Clock& clock, double timeout, double poll = 0.5);

  static std::string random_suffix();

 private:
  enum class Found { kAbsent, kOurs, kForeign };
  Found probe(const std::string& name);

  Transport& transport_;
  RequestSender& sender_;
  std::ostream& log_;
  std::unique_ptr<Transport::Connection> connection_;
  std::string name_;
  bool owned_ = false;
};

}  // namespace fleetsim::calibrate
