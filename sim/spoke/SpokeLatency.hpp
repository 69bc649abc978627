// SpokeLatency: the service time the emulated spoke adds to each request.
//
// Models: the latency-model format of the scenarios (models/*.json, documented in
// docs/scenario-format.md): a distribution per API verb (GET, LIST, POST, PUT, PATCH,
// DELETE; `default` for the others and for non-resource requests such as discovery, which
// use GET's), and a load curve of factors against the requests in flight — the same rule as
// the simulated k8s::ApiServer: latency = draw x load_factor(in flight, this one included).
// Units: seconds. Invariants: sample() >= 0; a default-constructed SpokeLatency adds 0 and
// draws nothing.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "engine/Distribution.hpp"
#include "engine/RandomStream.hpp"
#include "scenario/JsonValues.hpp"

namespace fleetsim::spoke {

class SpokeLatency {
 public:
  SpokeLatency() = default;
  // A model by name (models/NAME.json, the models directory as for scenarios: $FLEETSIM_MODELS
  // or the nearest `models` directory above the working directory) or by path (contains '/'
  // or ends in .json). Throws std::invalid_argument when the file is missing and
  // scenario::InputError (file:line:col: path: message) when its content is bad.
  static SpokeLatency load(const std::string& name_or_path);
  // From a validated, resolved latency-model value.
  static SpokeLatency from_json(const nlohmann::ordered_json& resolved);

  double sample(const std::string& verb, int in_flight, engine::RandomStream& rng) const;
  bool enabled() const { return enabled_; }

 private:
  static int index_of(const std::string& verb);

  bool enabled_ = false;
  std::array<engine::Distribution, 6> by_verb_{};
  std::vector<std::pair<double, double>> load_curve_;
};

}  // namespace fleetsim::spoke
