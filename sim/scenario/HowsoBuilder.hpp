// HowsoBuilder: reads `howso.NAME` of a resolved scenario into a HowsoConfig and the pod
// templates of its trainees and core service.
//
// Models: nothing; conversion only. Errors found (a call to an unknown service, an
// operator host that does not exist) are reported through `error(path, message)` with
// the full field path, so the loader can name file, line and column.
// Invariants: the returned config is complete when no error was reported.
#pragma once

#include <functional>
#include <string>

#include "k8s/Pod.hpp"
#include "scenario/JsonValues.hpp"
#include "systems/World.hpp"
#include "systems/howso/HowsoConfig.hpp"
#include "systems/serving/RequestSource.hpp"

namespace fleetsim::scenario {

using ErrorSink = std::function<void(const std::string& path, const std::string& message)>;

// A pod template of the howso schema (cpu, memory, tolerations, node_selector).
k8s::PodSpec howso_pod_spec(const Json& j);

systems::howso::HowsoConfig howso_config(
    const std::string& name, const Json& j, const systems::World& world,
    const std::function<systems::serving::SourceSpec(const Json&, const std::string&)>& source,
    const ErrorSink& error);

}  // namespace fleetsim::scenario
