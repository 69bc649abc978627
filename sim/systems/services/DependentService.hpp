// DependentService: a service a workload depends on (message bus, cache, database, object
// store) as a capacity-limited server.
//
// Models: `slots` concurrent operations (connections of a pool, server threads; 0 =
// unlimited) taken first-come first-served. An operation waits for a slot in a FIFO queue
// that holds at most `queue_limit` operations (0 = unbounded); an operation arriving at a
// full queue is rejected at once (a value the caller handles, as a client sees "too many
// connections"). Holding its slot, the operation is served for a time drawn from
// `service_time`, then passes the throughput stage: one FIFO pipe shared by every slot,
// which an operation of `bytes` occupies for 1 / max_ops_per_s + bytes / bandwidth seconds
// (each term only when its cap is set), so throughput never exceeds either cap. Then the
// slot is freed and goes straight to the longest waiter.
// The kinds (message_bus, cache, database, object_store) are configurations of this one
// server; their defaults are in the scenario schema (`services.NAME`).
// Units: seconds, operations/s, bytes, bytes/s.
// Invariants: 0 <= in_use() <= slots when slots > 0; waiting() <= queue_limit when it is
// set; each call ends exactly once, either completed or rejected.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/Distribution.hpp"
#include "engine/RandomStream.hpp"
#include "engine/Scheduler.hpp"
#include "engine/Task.hpp"
#include "stats/QuantileHistogram.hpp"

namespace fleetsim::systems::services {

struct DependentServiceConfig {
  std::string name;
  std::string kind;  // message_bus | cache | database | object_store (informative)
  int slots = 1;     // concurrent operations; 0 = unlimited
  engine::Distribution service_time = engine::Distribution::constant(0.001);  // seconds
  int queue_limit = 0;       // operations waiting for a slot; 0 = unbounded
  double max_ops_per_s = 0;  // throughput cap; 0 = none
  double bandwidth = 0;      // bytes/s through the pipe; 0 = none
};

// The outcome of one operation, as the caller sees it.
struct ServiceOp {
  bool ok = true;      // false: rejected (queue full), no service given
  double wait = 0;     // seconds waiting for a slot
  double latency = 0;  // seconds from the call to the answer
};

class DependentService {
 public:
  DependentService(engine::Scheduler& sched, DependentServiceConfig config,
                   engine::RandomStream rng);

  // One operation moving `bytes` (used only by the bandwidth cap).
  engine::Task<ServiceOp> call(double bytes = 0);

  const DependentServiceConfig& config() const { return config_; }
  const std::string& name() const { return config_.name; }
  int in_use() const { return in_use_; }
  std::size_t waiting() const { return waiters_.size(); }
  std::uint64_t completed() const { return completed_; }
  std::uint64_t rejected() const { return rejected_; }
  // Integral of slots in use over virtual time (slot-seconds), up to now.
  double busy_slot_seconds() const;
  // busy slot-seconds / (slots x elapsed); 0 when slots are unlimited or no time passed.
  double utilisation() const;
  const stats::QuantileHistogram& wait_seconds() const { return wait_; }
  const stats::QuantileHistogram& latency_seconds() const { return latency_; }
  // Figures for summary.json.
  nlohmann::ordered_json summary() const;

 private:
  struct SlotAwaiter;
  void take();
  void release();
  void account();
  double pipe_seconds(double bytes) const;

  engine::Scheduler& sched_;
  DependentServiceConfig config_;
  engine::RandomStream rng_;
  int in_use_ = 0;
  std::size_t waiting_peak_ = 0;
  std::deque<std::coroutine_handle<>> waiters_;
  double area_ = 0, last_change_ = 0;
  double pipe_free_at_ = 0;  // when the throughput pipe is next free
  std::uint64_t completed_ = 0, rejected_ = 0;
  stats::QuantileHistogram wait_, latency_;
};

}  // namespace fleetsim::systems::services
