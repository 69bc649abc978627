// HiveBuilder: reads `hive` and the `hive-*` controllers of a resolved scenario into the
// Hive configs (systems/hive/HiveConfig.hpp).
//
// Models: nothing; conversion only. Cross-field errors (a restart history without a
// restart, a controller on a host that does not exist) are reported through
// `error(path, message)` with the full field path, so the loader can name file, line and
// column. Invariants: the returned configs are complete when no error was reported.
#pragma once

#include <string>

#include "scenario/ErrorSink.hpp"
#include "scenario/JsonValues.hpp"
#include "systems/World.hpp"
#include "systems/hive/HiveConfig.hpp"

namespace fleetsim::scenario {

// `hive` is the scenario's `hive` object.
systems::hive::HiveConfig hive_config(const Json& hive, const ErrorSink& error);

// `c` is `controllers.NAME` of a `hive-*` type; its host must exist in `world`.
systems::hive::HiveControllerConfig hive_controller_config(const std::string& name, const Json& c,
                                                           const systems::World& world,
                                                           const ErrorSink& error);

}  // namespace fleetsim::scenario
