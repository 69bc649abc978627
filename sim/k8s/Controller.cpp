#include "k8s/Controller.hpp"

#include <cassert>

namespace fleetsim::k8s {

Controller::Controller(engine::Scheduler& sched, std::string name, int workers,
                       std::unique_ptr<RateLimiter> limiter)
    : sched_(sched),
      name_(std::move(name)),
      workers_(workers),
      queue_(sched, name_, std::move(limiter)),
      idle_(sched) {
  assert(workers_ >= 1);
  queue_.set_on_ready([this] { on_pushed(); });
}

void Controller::on_pushed() {
  if (queue_.len() > stats_.depth_peak) {
    stats_.depth_peak = queue_.len();
    stats_.depth_peak_at = sched_.now();
    stats_.drained_at = -1;
  }
  idle_.wake_one();
}

void Controller::start() {
  assert(reconciler_);
  for (int i = 0; i < workers_; ++i) worker();
}

engine::Process Controller::worker() {
  for (;;) {
    Key key;
    while (!queue_.try_get(key)) co_await idle_.wait();
    if (queue_.len() == 0 && stats_.drained_at < 0) stats_.drained_at = sched_.now();
    ++active_;
    const double start = sched_.now();
    ReconcileResult r = co_await reconciler_(key);
    finish(key, r, sched_.now() - start);
    queue_.done(key);
    --active_;
    if (active_ == 0 && queue_.len() == 0) stats_.idle_at = sched_.now();
    if (on_reconciled_) on_reconciled_(key, r);
  }
}

void Controller::finish(Key key, ReconcileResult r, double seconds) {
  ++stats_.reconciles_by_result[static_cast<int>(r.kind)];
  stats_.reconcile_time.observe(seconds);
  stats_.reconcile_seconds.observe(seconds);
  switch (r.kind) {
    case ReconcileResult::Kind::kError:
      ++stats_.errors_total;
      queue_.add_rate_limited(key);
      break;
    case ReconcileResult::Kind::kRequeueAfter:
      queue_.forget(key);
      queue_.add_after(key, r.after);
      break;
    case ReconcileResult::Kind::kRequeue:
      queue_.add_rate_limited(key);
      break;
    case ReconcileResult::Kind::kSuccess:
      queue_.forget(key);
      break;
  }
}

}  // namespace fleetsim::k8s
