#include "k8s/RestClient.hpp"

#include "engine/Sleep.hpp"

namespace fleetsim::k8s {

engine::Task<ApiResponse> RestClient::call(ApiServer& server, ApiRequest r, bool reachable) {
  ApiResponse resp;
  for (int attempt = 0; attempt <= config_.max_retries; ++attempt) {
    const double start = sched_.now();
    const double wait = bucket_.reserve(start);
    if (wait > 0) {
      throttled_ += wait;
      co_await engine::Sleep(sched_, wait);
    }
    if (!reachable) {
      co_await engine::Sleep(sched_, config_.timeout);
      resp = ApiResponse{0, 0};
    } else {
      resp = co_await server.handle(r);
    }
    if (stats_)
      stats_->record(&server, server.name(), remote_, r.verb, r.kind, resp.code,
                     sched_.now() - start);
    // client-go sleeps Retry-After only before a further attempt.
    if (resp.code != 429 || attempt == config_.max_retries) break;
    co_await engine::Sleep(sched_, resp.retry_after);
  }
  co_return resp;
}

}  // namespace fleetsim::k8s
