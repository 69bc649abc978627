// MetricsServer: serves the latest MetricsSnapshot at http://ADDRESS/metrics during a run.
//
// Models: the /metrics endpoint of the simulated hub's controller process, so a real
// Prometheus can scrape a run live. Answers GET /metrics in Prometheus text 0.0.4, or in
// OpenMetrics 1.0.0 when the Accept header asks for application/openmetrics-text (see
// output/OpenMetricsWriter); keep-alive connections; 404 elsewhere. Runs Boost.Beast on
// its own thread; the simulation thread only hands over snapshots (publish). Also owns
// SIGINT/SIGTERM while it lives: a signal sets stop_requested() instead of killing the
// process, so the run can stop cleanly and results still get written.
// Binds loopback (127.0.0.1) unless the address names another host.
#pragma once

#include <memory>
#include <string>

#include "output/MetricsSnapshot.hpp"

namespace fleetsim::cli {

class MetricsServer {
 public:
  // `address`: "PORT", "HOST:PORT" or "[V6HOST]:PORT"; port 0 picks a free port.
  // Throws std::runtime_error when the address is bad or cannot be bound.
  explicit MetricsServer(const std::string& address);
  ~MetricsServer();  // stops serving, joins the thread
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // "HOST:PORT" actually bound (the real port when 0 was asked).
  std::string endpoint() const;
  // Makes `s` what the next scrapes see.
  void publish(output::MetricsSnapshot s);
  // True once SIGINT or SIGTERM arrived.
  bool stop_requested() const;
  // Blocks until SIGINT or SIGTERM (returns at once if one already arrived).
  void wait_for_stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fleetsim::cli
