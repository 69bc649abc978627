#include "systems/serving/Replica.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim::systems::serving {

namespace {
int limit_cores(double limit) {
  return std::max(1, static_cast<int>(std::floor(limit + 1e-9)));
}
}  // namespace

Replica::Replica(engine::Scheduler& sched, int id, platform::Host& host, const ReplicaSpec& spec,
                 RequestQueue& queue, bool shared, engine::RandomStream& rng, Done done)
    : sched_(sched),
      id_(id),
      host_(host),
      spec_(spec),
      queue_(queue),
      shared_(shared),
      rng_(rng),
      done_(std::move(done)),
      limit_(sched, limit_cores(spec.cpu_limit)),
      workers_(spec.workers > 0 ? spec.workers
                                : std::max(1, static_cast<int>(std::ceil(spec.cpu_limit - 1e-9)))),
      threads_(std::min(limit_cores(spec.cpu_limit), host.cores())),
      stretch_(spec.cpu_limit < 1 ? 1 / spec.cpu_limit : 1) {}

void Replica::start() {
  ready_ = true;
  for (int i = 0; i < workers_; ++i) worker();
}

engine::Process Replica::worker() {
  for (;;) {
    if (draining_ && (shared_ || !queue_.has_ready())) co_return;
    if (!queue_.has_ready()) {
      co_await queue_.idle().wait();
      if (draining_ && shared_) {
        // A draining replica leaves a shared queue's wake-up to another worker.
        if (queue_.has_ready()) queue_.idle().wake_one();
        co_return;
      }
      continue;
    }
    const Batch b = queue_.pop();
    ++busy_;
    co_await execute(b);
    --busy_;
    outstanding_ -= std::min<std::uint64_t>(outstanding_, b.arrivals.size());
    done_(*this, b);
  }
}

engine::Task<void> Replica::execute(const Batch& b) {
  const auto n = static_cast<double>(b.arrivals.size());
  double work = 0;
  if (spec_.max_batch_size > 1)
    work = spec_.batch_fixed_work.sample(rng_) + n * spec_.batch_per_item_work.sample(rng_);
  else
    for (std::size_t i = 0; i < b.arrivals.size(); ++i) work += spec_.work.sample(rng_);
  work *= stretch_;
  if (spec_.gil || threads_ <= 1) {
    co_await part(work);
    co_return;
  }
  engine::Join join{sched_, threads_};
  for (int i = 0; i < threads_; ++i) part_of(work / threads_, &join);
  co_await join;
}

engine::Task<void> Replica::part(double work) {
  co_await limit_.acquire();
  co_await host_.compute(work);
  limit_.release();
  cpu_seconds_ += work / host_.speed();
}

engine::Process Replica::part_of(double work, engine::Join* join) {
  co_await part(work);
  join->part_done();
}

}  // namespace fleetsim::systems::serving
