#include "calibrate/RequestSender.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim::calibrate {

RequestSender::RequestSender(Clock& clock, Options options, std::function<bool()> stop)
    : clock_(clock),
      options_(options),
      stop_(std::move(stop)),
      bucket_(options.qps, std::max(1, static_cast<int>(std::floor(options.qps)))) {}

int RequestSender::retry_after_seconds(const std::string& header) {
  if (header.empty() || header.size() > 9) return -1;
  int v = 0;
  for (char c : header) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

void RequestSender::wait(double seconds) {
  const double until = clock_.now() + seconds;
  for (double left = seconds; left > 0 && !stop_(); left = until - clock_.now())
    clock_.sleep_for(std::min(left, 0.1));
}

void RequestSender::take_token() {
  if (options_.qps <= 0) return;
  double delay = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    delay = bucket_.reserve(clock_.now());
  }
  wait(delay);
}

RequestSender::Outcome RequestSender::send(Transport::Connection& connection,
                                           const HttpRequest& request) {
  Outcome out;
  for (;;) {
    take_token();
    const double t0 = clock_.now();
    out.response = connection.send(request);
    out.seconds = clock_.now() - t0;
    const int s = out.response.status;
    const int after = retry_after_seconds(out.response.retry_after);
    if (!(s == 429 || s >= 500) || after < 0 || out.retries >= options_.max_retries || stop_())
      return out;
    ++out.retries;
    ++retries_;
    wait(after);
    if (stop_()) return out;
  }
}

}  // namespace fleetsim::calibrate
