// Scenario: a scenario file as loaded: resolved (defaults filled), and where each value
// came from. Produced by load_scenario(); consumed by build_world().
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "scenario/JsonValues.hpp"
#include "scenario/Locator.hpp"

namespace fleetsim::scenario {

struct Scenario {
  std::string file;
  std::string name;
  Json resolved;
  std::shared_ptr<Locator> locator;
  std::filesystem::path models_dir;
};

// Loads, applies `sets` ("dotted.path=value"), inlines named models, validates.
// Throws InputError listing every problem.
Scenario load_scenario(const std::string& file, const std::vector<std::string>& sets = {});

// The models/ directory that serves `scenario_file`: $FLEETSIM_MODELS if set, else the
// nearest `models` directory in the scenario's directory or an ancestor of it.
std::filesystem::path find_models_dir(const std::string& scenario_file);

}  // namespace fleetsim::scenario
