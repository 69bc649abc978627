// RestClient: a client-go REST client of one controller towards one API server.
//
// Models: the client's token-bucket rate limiter (QPS / burst; qps <= 0 = unlimited),
// waited on before every attempt; retries on 429 up to `max_retries` times, sleeping the
// server's Retry-After; an unreachable server costs `timeout` seconds and answers code 0.
// Units: seconds, requests per second.
// Invariant: a call makes at most max_retries + 1 attempts.
#pragma once

#include <string>

#include "engine/Scheduler.hpp"
#include "engine/Task.hpp"
#include "k8s/ApiServer.hpp"
#include "k8s/ClientStats.hpp"
#include "k8s/TokenBucket.hpp"

namespace fleetsim::k8s {

struct RestClientConfig {
  double qps = 20;       // requests per second (0 = unlimited)
  int burst = 30;        // requests
  int max_retries = 10;  // retries on 429
  double timeout = 30;   // seconds an attempt to an unreachable server takes
};

class RestClient {
 public:
  RestClient(engine::Scheduler& sched, RestClientConfig config, ClientStats* stats, bool remote)
      : sched_(sched),
        config_(config),
        bucket_(config.qps, config.burst),
        stats_(stats),
        remote_(remote) {}

  // One call: rate-limit wait, request, retries on 429.
  engine::Task<ApiResponse> call(ApiServer& server, ApiRequest r, bool reachable = true);

  const RestClientConfig& config() const { return config_; }
  double throttled_seconds() const { return throttled_; }

 private:
  engine::Scheduler& sched_;
  RestClientConfig config_;
  TokenBucket bucket_;
  ClientStats* stats_;
  bool remote_;
  double throttled_ = 0;
};

}  // namespace fleetsim::k8s
