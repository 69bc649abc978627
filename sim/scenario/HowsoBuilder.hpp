// HowsoBuilder: reads `howso.NAME` of a resolved scenario into a HowsoConfig (the pod
// templates are read by the Builder's pod_spec).
//
// Models: nothing; conversion only. Errors found (a call to an unknown service, an
// operator host that does not exist) are reported through `error(path, message)` with
// the full field path, so the loader can name file, line and column.
// Invariants: the returned config is complete when no error was reported.
#pragma once

#include <functional>
#include <string>

#include "scenario/ErrorSink.hpp"
#include "scenario/JsonValues.hpp"
#include "systems/World.hpp"
#include "systems/howso/HowsoConfig.hpp"
#include "systems/serving/RequestSource.hpp"

namespace fleetsim::scenario {

systems::howso::HowsoConfig howso_config(
    const std::string& name, const Json& j, const systems::World& world,
    const std::function<systems::serving::SourceSpec(const Json&, const std::string&)>& source,
    const ErrorSink& error);

}  // namespace fleetsim::scenario
