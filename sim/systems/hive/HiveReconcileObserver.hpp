// HiveReconcileObserver: times one Reconcile call for hive_controller_reconcile_seconds.
//
// Models: Hive's ReconcileObserver (`defer recobsrv.ObserveControllerReconcileTime()`):
// created at the top of a reconcile coroutine, it observes the virtual time from its
// creation to the end of the coroutine body under the outcome last set (default given at
// construction). Only finished reconciles are observed: a reconcile still suspended when
// the simulation stops is destroyed at teardown (engine/Process.hpp) without an
// observation. Units: seconds.
#pragma once

#include <string>

#include "engine/Process.hpp"
#include "engine/Scheduler.hpp"
#include "systems/hive/HiveMetrics.hpp"

namespace fleetsim::systems::hive {

class HiveReconcileObserver {
 public:
  HiveReconcileObserver(HiveMetrics& metrics, const std::string& controller,
                        engine::Scheduler& sched, HiveOutcome outcome)
      : metrics_(metrics),
        controller_(controller),
        sched_(sched),
        start_(sched.now()),
        outcome_(outcome) {
    metrics_.note_controller(controller_);
  }
  HiveReconcileObserver(const HiveReconcileObserver&) = delete;
  HiveReconcileObserver& operator=(const HiveReconcileObserver&) = delete;
  ~HiveReconcileObserver() {
    if (!engine::tearing_down())
      metrics_.observe_reconcile(controller_, outcome_, sched_.now() - start_);
  }

  void set_outcome(HiveOutcome o) { outcome_ = o; }

 private:
  HiveMetrics& metrics_;
  const std::string& controller_;
  engine::Scheduler& sched_;
  double start_;
  HiveOutcome outcome_;
};

}  // namespace fleetsim::systems::hive
