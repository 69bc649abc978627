#include "systems/howso/TrainingLoop.hpp"

#include <cassert>

#include "engine/Join.hpp"
#include "engine/Sleep.hpp"

namespace fleetsim::systems::howso {

engine::Process TrainingLoop::part(platform::Host& host, double work, engine::Join* join) {
  co_await host.compute(work);
  join->part_done();
}

TrainingLoop::TrainingLoop(engine::Scheduler& sched, const TraineeSpec& spec,
                           std::vector<services::DependentService*> services)
    : sched_(sched), spec_(spec), services_(std::move(services)) {
  assert(services_.size() == spec_.calls.size() && spec_.threads >= 1);
}

engine::Task<void> TrainingLoop::compute(platform::Host& host, double work) {
  engine::Join join{sched_, spec_.threads};
  for (int t = 0; t < spec_.threads; ++t) part(host, work / spec_.threads, &join);
  co_await join;
}

engine::Task<void> TrainingLoop::call(services::DependentService& svc, double bytes,
                                      TrainingResult& r) {
  for (;;) {
    const services::ServiceOp op = co_await svc.call(bytes);
    if (op.ok) {
      r.service_wait += op.wait;
      ++r.ops;
      co_return;
    }
    ++r.rejections;
    co_await engine::Sleep(sched_, spec_.retry_delay);
  }
}

engine::Task<TrainingResult> TrainingLoop::run(platform::Host& host, engine::RandomStream& rng) {
  TrainingResult r;
  const double start = sched_.now();
  for (int it = 0; it < spec_.iterations; ++it) {
    co_await compute(host, spec_.iteration_work.sample(rng));
    const double calls_start = sched_.now();
    for (std::size_t c = 0; c < spec_.calls.size(); ++c)
      for (int k = 0; k < spec_.calls[c].ops; ++k)
        co_await call(*services_[c], spec_.calls[c].bytes, r);
    r.service_seconds += sched_.now() - calls_start;
  }
  r.seconds = sched_.now() - start;
  co_return r;
}

}  // namespace fleetsim::systems::howso
