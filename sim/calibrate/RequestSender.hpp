// RequestSender: sends one API request as client-go's REST client does — after a token of
// the client-side QPS cap, retrying answers that carry Retry-After.
//
// Models: the QPS cap is golang.org/x/time/rate (k8s::TokenBucket: `qps` tokens/s, burst
// max(1, floor(qps)); qps 0 = no cap), taken before every attempt including retries. An
// answer 429 or >= 500 with a Retry-After of whole seconds is retried after that many
// seconds, at most `max_retries` times (client-go's default 10); others are returned.
// The measured latency is that of the last attempt (the request on the wire, not the
// waits). Waits end early when stop() turns true (the last answer is then returned).
// Units: seconds. Invariants: attempts == retries + 1 <= max_retries + 1; thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>

#include "calibrate/Clock.hpp"
#include "calibrate/Transport.hpp"
#include "k8s/TokenBucket.hpp"

namespace fleetsim::calibrate {

class RequestSender {
 public:
  struct Options {
    double qps = 0;        // requests/s; 0 = unlimited
    int max_retries = 10;  // retries of an answer with Retry-After
  };
  struct Outcome {
    HttpResponse response;
    double seconds = 0;  // latency of the last attempt
    int retries = 0;
  };

  RequestSender(Clock& clock, Options options, std::function<bool()> stop);

  // Throws TransportError (from the connection).
  Outcome send(Transport::Connection& connection, const HttpRequest& request);

  // Retry-After in whole seconds as client-go reads it; -1 when absent or not a number.
  static int retry_after_seconds(const std::string& header);

  long long throttled_retries() const { return retries_.load(); }

 private:
  void wait(double seconds);
  void take_token();

  Clock& clock_;
  Options options_;
  std::function<bool()> stop_;
  std::mutex mutex_;
  k8s::TokenBucket bucket_;
  std::atomic<long long> retries_{0};
};

}  // namespace fleetsim::calibrate
