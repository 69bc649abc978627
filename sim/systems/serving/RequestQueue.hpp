// RequestQueue: requests waiting for a worker, grouped into batches.
//
// Models: the queue in front of a replica's workers (push load balancing), or the shared
// queue the workers of every replica pull from (queue-based balancing), with optional
// request batching (KServe's batcher): a batch is sealed when it holds `max_batch_size`
// requests or when its oldest request has waited `max_wait`, whichever comes first;
// max_batch_size 1 seals every request at once (no batching). Idle workers wait on
// `idle()` and are woken one per sealed batch.
// Units: seconds. Invariants: batches leave in the order they were sealed; no sealed batch
// waits while a worker of this queue is idle (woken workers re-check; see Replica).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "engine/Scheduler.hpp"
#include "engine/WaitList.hpp"

namespace fleetsim::systems::serving {

struct Batch {
  std::vector<double> arrivals;  // arrival time of each request, seconds
  double sealed = 0;             // when the batch was complete
};

class RequestQueue {
 public:
  RequestQueue(engine::Scheduler& sched, int max_batch_size, double max_wait);

  // A request that arrived at `arrival` joins the open batch.
  void push(double arrival);
  bool has_ready() const { return !ready_.empty(); }
  Batch pop();
  engine::WaitList& idle() { return idle_; }
  // Requests waiting (in sealed batches and the open one).
  std::uint64_t waiting() const { return waiting_; }

 private:
  void seal();

  engine::Scheduler& sched_;
  int max_batch_;
  double max_wait_;
  std::deque<Batch> ready_;
  Batch open_;
  std::uint64_t open_id_ = 0;  // identifies the open batch for its max-wait timer
  std::uint64_t waiting_ = 0;
  engine::WaitList idle_;
};

}  // namespace fleetsim::systems::serving
