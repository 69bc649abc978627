#include "k8s/ApiServer.hpp"

#include <algorithm>
#include <cassert>

#include "engine/Sleep.hpp"

namespace fleetsim::k8s {

ApiServer::ApiServer(engine::Scheduler& sched, ApiServerConfig config, engine::RandomStream rng,
                     WatchHub* watch)
    : sched_(sched), config_(std::move(config)), rng_(std::move(rng)), watch_(watch) {}

// Waits for a seat; resumes either seated or rejected (after max_queue_wait).
// Only a request that must queue allocates its (shared) waiter record.
struct ApiServer::SeatAwaiter {
  ApiServer& server;
  std::shared_ptr<Waiter> waiter;
  bool seated = false;
  bool await_ready() {
    auto& s = server;
    if (s.config_.seats <= 0 || (s.in_flight_ < s.config_.seats && s.queue_.empty())) {
      ++s.in_flight_;
      seated = true;
      return true;
    }
    return s.config_.max_queue_wait <= 0;  // no queue at all: rejected at once
  }
  void await_suspend(std::coroutine_handle<> h) {
    waiter = std::make_shared<Waiter>();
    waiter->handle = h;
    server.queue_.push_back(waiter);
    std::weak_ptr<Waiter> weak = waiter;
    server.sched_.after(server.config_.max_queue_wait, [weak, &s = server] {
      auto w = weak.lock();
      if (!w || w->seated || w->rejected) return;
      w->rejected = true;  // stays in queue_; skipped lazily when seats free up
      s.sched_.resume_at(s.sched_.now(), w->handle);
    });
  }
  // True when seated, false when rejected.
  bool await_resume() const noexcept { return seated || (waiter && waiter->seated); }
};

void ApiServer::release_seat() {
  while (!queue_.empty()) {
    auto w = queue_.front();
    queue_.pop_front();
    if (w->rejected) continue;
    w->seated = true;  // the seat passes straight to the next waiter
    sched_.resume_at(sched_.now(), w->handle);
    return;
  }
  --in_flight_;
  assert(in_flight_ >= 0);
}

double ApiServer::next_retry_after() {
  double now = sched_.now();
  if (now - last_reject_ < retry_after_)
    retry_after_ = std::min(retry_after_ * 2, config_.retry_after_max);
  else
    retry_after_ = config_.retry_after_min;
  last_reject_ = now;
  return retry_after_;
}

double ApiServer::load_factor(int in_flight) const {
  return load_factor(config_.load_curve, in_flight);
}

double ApiServer::load_factor(const std::vector<std::pair<double, double>>& c, int in_flight) {
  if (c.empty()) return 1.0;
  double x = in_flight;
  if (x <= c.front().first) return c.front().second;
  if (x >= c.back().first) return c.back().second;
  auto it =
      std::upper_bound(c.begin(), c.end(), x, [](double v, const auto& p) { return v < p.first; });
  const auto& [x1, y1] = *it;
  const auto& [x0, y0] = *(it - 1);
  return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}

void ApiServer::observe(const ApiRequest& r, double seconds) {
  ++stats_.requests_total;
  stats_.latency.observe(seconds);
  std::size_t i = static_cast<std::size_t>(r.kind) * kVerbCount + static_cast<int>(r.verb);
  if (i >= durations_.size()) durations_.resize(i + 1);
  if (!durations_[i])
    durations_[i] =
        std::make_unique<stats::Histogram>(stats::Histogram::apiserver_request_duration_buckets());
  durations_[i]->observe(seconds);
}

const stats::Histogram* ApiServer::duration_histogram(KindId kind, Verb verb) const {
  std::size_t i = static_cast<std::size_t>(kind) * kVerbCount + static_cast<int>(verb);
  return i < durations_.size() ? durations_[i].get() : nullptr;
}

engine::Task<ApiResponse> ApiServer::handle(ApiRequest r) {
  const double arrival = sched_.now();
  const bool seated = co_await SeatAwaiter{*this, nullptr};
  if (!seated) {
    ++stats_.rejected_429_total;
    observe(r, sched_.now() - arrival);
    co_return ApiResponse{429, next_retry_after()};
  }
  stats_.in_flight_peak = std::max(stats_.in_flight_peak, in_flight_);
  const auto& dist = config_.latency[static_cast<int>(r.verb)];
  co_await engine::Sleep(sched_, dist.sample(rng_) * load_factor(in_flight_));
  const int code = store_.apply(r);
  release_seat();
  observe(r, sched_.now() - arrival);
  // A write the server really made (a no-op update makes no event, as kube-apiserver).
  const bool wrote = code == 201 || r.verb == Verb::kDelete ||
                     ((r.verb == Verb::kPatch || r.verb == Verb::kUpdate) && r.changes);
  if (watch_ && is_mutating(r.verb) && code < 300 && wrote) watch_->notify(r.kind, r.object);
  co_return ApiResponse{code, 0};
}

}  // namespace fleetsim::k8s
