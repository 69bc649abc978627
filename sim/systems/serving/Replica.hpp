// Replica: one pod of a service: gunicorn-style worker processes on a host.
//
// Models: `workers` processes, each taking one batch at a time from its queue (its own, or
// the service's shared one) and running its CPU work on the host's FIFO core pool, within
// the pod's CPU limit (CpuLimit). GIL-bound work runs on one core (one thread per
// process); GIL-releasing work is split evenly over min(limit cores, host cores) threads
// that run in parallel (the batch ends when the last part ends). A fractional limit below
// one core stretches the work by 1 / limit (CFS throttling). A draining replica (scaled
// down) takes no new batch from a shared queue and finishes what was sent to it.
// Units: seconds, core-seconds (reference speed), cores.
// Invariants: cores in use never exceed the limit (cores_peak() <= limit cores); every
// batch taken is completed through the `done` callback exactly once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "engine/Join.hpp"
#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"
#include "engine/Task.hpp"
#include "platform/Host.hpp"
#include "systems/serving/CpuLimit.hpp"
#include "systems/serving/RequestQueue.hpp"
#include "systems/serving/ServingConfig.hpp"

namespace fleetsim::systems::serving {

class Replica {
 public:
  using Done = std::function<void(Replica&, const Batch&)>;

  Replica(engine::Scheduler& sched, int id, platform::Host& host, const ReplicaSpec& spec,
          RequestQueue& queue, bool shared, engine::RandomStream& rng, Done done);

  // Starts the workers (once the replica is ready).
  void start();
  void drain() { draining_ = true; }

  int id() const { return id_; }
  platform::Host& host() { return host_; }
  bool ready() const { return ready_; }
  bool draining() const { return draining_; }
  int workers() const { return workers_; }
  // Requests sent to this replica and not yet completed (least-connections).
  std::uint64_t outstanding() const { return outstanding_; }
  void add_outstanding() { ++outstanding_; }
  // Core-seconds of CPU this replica used so far (completed parts).
  double cpu_seconds() const { return cpu_seconds_; }
  int cores_peak() const { return limit_.peak(); }
  int busy_workers() const { return busy_; }

 private:
  engine::Process worker();
  engine::Task<void> execute(const Batch& b);
  engine::Task<void> part(double work);
  engine::Process part_of(double work, engine::Join* join);

  engine::Scheduler& sched_;
  int id_;
  platform::Host& host_;
  const ReplicaSpec& spec_;
  RequestQueue& queue_;
  bool shared_;  // the service's queue, pulled by every replica
  engine::RandomStream& rng_;
  Done done_;
  CpuLimit limit_;
  int workers_;
  int threads_;     // parts GIL-releasing work is split into
  double stretch_;  // 1 / limit below one core, else 1
  bool ready_ = false;
  bool draining_ = false;
  int busy_ = 0;
  std::uint64_t outstanding_ = 0;
  double cpu_seconds_ = 0;
};

}  // namespace fleetsim::systems::serving
