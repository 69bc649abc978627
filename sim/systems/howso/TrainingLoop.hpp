// TrainingLoop: the work a running trainee does until its training ends.
//
// Models: `iterations` training iterations, each: the iteration's CPU work (drawn once,
// core-seconds at reference speed) split evenly over `threads` threads that run in
// parallel on the node's cores (the iteration goes on when the last part ends), then the
// calls of the iteration in order, each `ops` operations one after another on its
// dependent service (read a batch from the object store, cache lookups, database writes,
// bus messages). A rejected operation (the service's queue is full) is retried after
// `retry_delay`. Time spent waiting for the services' slots is what an undersized service
// adds to the training.
// Units: seconds, core-seconds. Invariants: every operation eventually completes (retries
// are unbounded); cpu work done = the sum of the iterations' draws.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/Join.hpp"
#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"
#include "engine/Task.hpp"
#include "platform/Host.hpp"
#include "systems/howso/HowsoConfig.hpp"
#include "systems/services/DependentService.hpp"

namespace fleetsim::systems::howso {

struct TrainingResult {
  double seconds = 0;            // start to end of the training
  double service_seconds = 0;    // in service calls (waits, service, pipe, retries)
  double service_wait = 0;       // waiting for slots
  std::uint64_t ops = 0;         // completed operations
  std::uint64_t rejections = 0;  // rejected (then retried) operations
};

class TrainingLoop {
 public:
  // `services[i]` serves spec.calls[i].
  TrainingLoop(engine::Scheduler& sched, const TraineeSpec& spec,
               std::vector<services::DependentService*> services);

  engine::Task<TrainingResult> run(platform::Host& host, engine::RandomStream& rng);

 private:
  engine::Task<void> compute(platform::Host& host, double work);
  // One thread's share of `compute`. A member, not a free function: clang 14 with ASan and
  // libFuzzer coverage (scripts/fuzz) fails on this coroutine as a free function ("Cannot
  // represent a difference across sections").
  engine::Process part(platform::Host& host, double work, engine::Join* join);
  engine::Task<void> call(services::DependentService& svc, double bytes, TrainingResult& r);

  engine::Scheduler& sched_;
  const TraineeSpec& spec_;
  std::vector<services::DependentService*> services_;
};

}  // namespace fleetsim::systems::howso
