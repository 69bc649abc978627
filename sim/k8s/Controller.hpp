// Controller: a controller-runtime controller: a rate-limiting workqueue and N workers.
//
// Models: each worker loops Get -> active_workers+1 -> Reconcile -> handle the result
// (see ReconcileResult) -> Done -> active_workers-1. Reconcile is a coroutine supplied by
// the system being modelled. Never two workers on one key (the workqueue guarantees it).
// Units: seconds. Invariants: 0 <= active_workers() <= workers().
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "engine/Process.hpp"
#include "engine/Scheduler.hpp"
#include "engine/Task.hpp"
#include "engine/WaitList.hpp"
#include "k8s/ClientStats.hpp"
#include "k8s/Key.hpp"
#include "k8s/ReconcileResult.hpp"
#include "k8s/WorkQueue.hpp"
#include "stats/Histogram.hpp"
#include "stats/QuantileHistogram.hpp"

namespace fleetsim::k8s {

struct ControllerStats {
  std::array<std::uint64_t, kResultKinds> reconciles_by_result{};
  std::uint64_t errors_total = 0;
  stats::Histogram reconcile_time{stats::Histogram::reconcile_time_buckets()};
  stats::QuantileHistogram reconcile_seconds;
  std::size_t depth_peak = 0;  // largest queue depth seen
  double depth_peak_at = 0;    // virtual time it was first reached
  double drained_at = -1;      // first time the queue was empty after that peak; -1 never
  double idle_at = -1;         // last time a reconcile ended with the queue empty and no worker
                               // busy (the completion of the last work); -1 never
  std::uint64_t reconciles_total() const {
    std::uint64_t n = 0;
    for (auto v : reconciles_by_result) n += v;
    return n;
  }
};

class Controller {
 public:
  using Reconciler = std::function<engine::Task<ReconcileResult>(Key)>;

  Controller(engine::Scheduler& sched, std::string name, int workers,
             std::unique_ptr<RateLimiter> limiter);

  void set_reconciler(Reconciler r) { reconciler_ = std::move(r); }
  // Starts the workers (call once, from inside the simulation or before it runs).
  void start();

  const std::string& name() const { return name_; }
  int workers() const { return workers_; }
  int active_workers() const { return active_; }
  WorkQueue& queue() { return queue_; }
  const WorkQueue& queue() const { return queue_; }
  const ControllerStats& stats() const { return stats_; }
  ClientStats& client_stats() { return client_stats_; }
  const ClientStats& client_stats() const { return client_stats_; }
  // Called after every reconcile (the system may check completion, progress, ...).
  void set_on_reconciled(std::function<void(Key, ReconcileResult)> fn) {
    on_reconciled_ = std::move(fn);
  }

 private:
  engine::Process worker();
  void finish(Key key, ReconcileResult r, double seconds);
  void on_pushed();

  engine::Scheduler& sched_;
  std::string name_;
  int workers_;
  WorkQueue queue_;
  engine::WaitList idle_;
  Reconciler reconciler_;
  int active_ = 0;
  ControllerStats stats_;
  ClientStats client_stats_;
  std::function<void(Key, ReconcileResult)> on_reconciled_;
};

}  // namespace fleetsim::k8s
