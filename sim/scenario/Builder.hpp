// Builder: turns a loaded Scenario into a World ready to run, and the run settings.
//
// Cross-references (a controller's host, a step's API server, spoke calls without a
// fleet) are checked here and reported as InputError with the location of the reference.
// Building never starts the simulation, so `fleetsim validate` builds on a ManualScheduler.
#pragma once

#include <string>

#include "scenario/Scenario.hpp"
#include "systems/World.hpp"

namespace fleetsim::scenario {

struct RunSettings {
  std::string stop_when = "drained";  // drained | first_pass | horizon
  double horizon = 86400;             // seconds
  double check_interval = 1;          // seconds
  double sample_interval = 10;        // seconds
  std::uint64_t seed = 1;
};

RunSettings run_settings(const Scenario& sc);
// Adds the scenario's hosts, API servers, fleet and controllers to `world`.
void build_world(const Scenario& sc, systems::World& world);

}  // namespace fleetsim::scenario
