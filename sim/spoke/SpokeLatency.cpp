#include "spoke/SpokeLatency.hpp"

#include <filesystem>
#include <stdexcept>

#include "k8s/ApiServer.hpp"
#include "scenario/InputError.hpp"
#include "scenario/JsoncDocument.hpp"
#include "scenario/Locator.hpp"
#include "scenario/Scenario.hpp"
#include "scenario/Schema.hpp"
#include "scenario/Validator.hpp"

namespace fleetsim::spoke {

namespace fs = std::filesystem;

namespace {
const char* const kVerbs[6] = {"GET", "LIST", "POST", "PUT", "PATCH", "DELETE"};
}

int SpokeLatency::index_of(const std::string& verb) {
  for (int i = 0; i < 6; ++i)
    if (verb == kVerbs[i]) return i;
  return 0;  // non-resource requests (discovery, health) are served like GETs
}

SpokeLatency SpokeLatency::load(const std::string& name_or_path) {
  fs::path file = name_or_path;
  const bool by_path = name_or_path.find('/') != std::string::npos || file.extension() == ".json";
  if (!by_path) {
    std::error_code ec;
    const fs::path dir = scenario::find_models_dir((fs::current_path(ec) / "spoke").string());
    file = dir / (name_or_path + ".json");
  }
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw std::invalid_argument("--model: no latency model \"" + name_or_path + "\" (looked for " +
                                file.string() + ")");
  auto doc =
      std::make_shared<scenario::JsoncDocument>(scenario::JsoncDocument::load(file.string()));
  scenario::Locator loc(doc);
  if (!doc->root().is_object())
    throw scenario::InputError(loc.value(""), "", "a latency model must be a JSON object");
  scenario::Validator v(loc);
  const auto resolved = v.resolve(doc->root(), scenario::latency_model_schema(), "");
  if (!v.diagnostics().empty()) throw scenario::InputError(v.diagnostics());
  return from_json(resolved);
}

SpokeLatency SpokeLatency::from_json(const nlohmann::ordered_json& j) {
  SpokeLatency l;
  l.enabled_ = true;
  const auto def = scenario::distribution_value(j["default"]);
  for (int i = 0; i < 6; ++i)
    l.by_verb_[i] = j.contains(kVerbs[i]) && !j[kVerbs[i]].is_null()
                        ? scenario::distribution_value(j[kVerbs[i]])
                        : def;
  if (j.contains("load_curve")) l.load_curve_ = scenario::points_value(j["load_curve"]);
  return l;
}

double SpokeLatency::sample(const std::string& verb, int in_flight,
                            engine::RandomStream& rng) const {
  if (!enabled_) return 0;
  return by_verb_[index_of(verb)].sample(rng) * k8s::ApiServer::load_factor(load_curve_, in_flight);
}

}  // namespace fleetsim::spoke
