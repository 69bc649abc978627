#include "systems/howso/CoreService.hpp"

#include "systems/Percentiles.hpp"

namespace fleetsim::systems::howso {

CoreService::CoreService(engine::Scheduler& sched, const CoreServiceSpec& spec,
                         PodLauncher& launcher, engine::RandomStream source_rng,
                         engine::RandomStream work_rng)
    : sched_(sched), spec_(spec), launcher_(launcher), work_rng_(std::move(work_rng)) {
  source_ = std::make_unique<serving::RequestSource>(sched_, spec_.requests, std::move(source_rng),
                                                     [this] { arrive(); });
}

void CoreService::start() {
  launcher_.launch(PodLauncher::Role::kCore, "core-service", spec_.replicas,
                   [this](int, platform::Host& host) {
                     running_.push_back(&host);
                     for (; !pending_.empty(); pending_.pop_front())
                       serve(*running_[turn_++ % running_.size()], pending_.front());
                   });
  source_->start();
}

void CoreService::arrive() {
  if (running_.empty()) {
    pending_.push_back(sched_.now());
    return;
  }
  serve(*running_[turn_++ % running_.size()], sched_.now());
}

engine::Process CoreService::serve(platform::Host& host, double arrival) {
  co_await host.compute(spec_.work.sample(work_rng_));
  latency_.observe(sched_.now() - arrival);
  ++completed_;
}

nlohmann::ordered_json CoreService::summary() const {
  return {{"replicas", spec_.replicas},
          {"replicas_running", running_.size()},
          {"requests", completed_},
          {"latency_seconds", systems::percentiles(latency_)}};
}

}  // namespace fleetsim::systems::howso
