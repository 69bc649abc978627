// Transport: how the calibration reaches an API server — the seam that lets the workload
// and its retry/QPS logic be unit-tested with a fake server (no network).
//
// Models: a factory of keep-alive connections; each worker owns one Connection and sends
// one request at a time on it. send() returns the HTTP answer (any status) or throws
// TransportError; a failed connection reconnects on the next send().
// Invariants: a Connection is used by one thread at a time; connect() may be called from
// several threads.
#pragma once

#include <memory>
#include <string>

#include "calibrate/HttpMessage.hpp"

namespace fleetsim::calibrate {

class Transport {
 public:
  class Connection {
   public:
    virtual ~Connection() = default;
    virtual HttpResponse send(const HttpRequest& request) = 0;
  };

  virtual ~Transport() = default;
  virtual std::unique_ptr<Connection> connect() = 0;
  // The server's address for messages, e.g. https://10.0.0.1:6443 (never credentials).
  virtual std::string describe() const = 0;
};

}  // namespace fleetsim::calibrate
