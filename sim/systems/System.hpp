// System: one modelled workload (a set of controllers and their behaviour) in a World.
//
// Models: what a seed system adds on top of the generic parts: how keys arise, what a
// reconcile does, when the first full pass is complete. Invariants: progress() is in
// [0, 1] and never decreases; first_pass_done() implies progress() == 1.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace fleetsim::systems {

class System {
 public:
  virtual ~System() = default;
  virtual const std::string& name() const = 0;
  // Schedules the system's initial activity (called once, at virtual time 0).
  virtual void start() = 0;
  // True when the system will schedule no more work by itself (sources exhausted).
  virtual bool sources_done() const = 0;
  // Share of the work done that the progress line and the stop condition use.
  virtual double progress() const = 0;
  // True once every object has been reconciled successfully at least once.
  virtual bool first_pass_done() const = 0;
  // System-specific figures for summary.json (under systems.NAME).
  virtual nlohmann::ordered_json summary() const { return nlohmann::ordered_json::object(); }
  // Gauges for the time series as (column, value); the same columns at every call.
  virtual void gauges(std::vector<std::pair<std::string, double>>&) const {}
};

}  // namespace fleetsim::systems
