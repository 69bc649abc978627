// TransportError: a request that got no usable HTTP answer — connection refused or reset,
// TLS failure, timeout, or a reply that is not HTTP. A failure of the cluster or the
// network, reported to the user (exit 1), never a simulator bug.
// Invariants: what() names the server address and the cause, never a credential.
#pragma once

#include <stdexcept>
#include <string>

namespace fleetsim::calibrate {

class TransportError : public std::runtime_error {
 public:
  enum class Kind { kConnect, kTls, kTimeout, kReset, kMalformed };
  TransportError(Kind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace fleetsim::calibrate
