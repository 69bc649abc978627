#include "spoke/PatchRules.hpp"

#include <stdexcept>
#include <string>

namespace fleetsim::spoke {

namespace {

bool is_list_hint(const std::string& key) {
  return key == "$retainKeys" || key.rfind("$setElementOrder/", 0) == 0 ||
         key.rfind("$deleteFromPrimitiveList/", 0) == 0;
}

// A patch value with its directives removed (used when it replaces the target).
Json without_directives(const Json& patch) {
  if (!patch.is_object()) return patch;
  Json out = Json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.key() == "$patch" || is_list_hint(it.key()) || it.value().is_null()) continue;
    out[it.key()] = without_directives(it.value());
  }
  return out;
}

Json strategic_value(const Json& target, const Json& patch) {
  if (!patch.is_object()) return patch;
  std::string directive = "merge";
  if (patch.contains("$patch")) {
    if (!patch["$patch"].is_string())
      throw std::invalid_argument("$patch must be a string (merge, replace or delete)");
    directive = patch["$patch"].get<std::string>();
  }
  if (directive == "replace") return without_directives(patch);
  if (directive != "merge" && directive != "delete")
    throw std::invalid_argument("unknown patch type \"" + directive +
                                "\" in $patch (want merge, replace or delete)");
  Json out = target.is_object() ? target : Json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& k = it.key();
    if (k == "$patch" || is_list_hint(k)) continue;
    const Json& v = it.value();
    if (v.is_null()) {
      out.erase(k);
      continue;
    }
    if (v.is_object() && v.contains("$patch") && v["$patch"] == "delete") {
      out.erase(k);
      continue;
    }
    out[k] = strategic_value(out.contains(k) ? out[k] : Json(nullptr), v);
  }
  return out;
}

}  // namespace

Json PatchRules::merge(const Json& target, const Json& patch) {
  if (!patch.is_object()) return patch;
  Json out = target.is_object() ? target : Json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null())
      out.erase(it.key());
    else
      out[it.key()] = merge(out.contains(it.key()) ? out[it.key()] : Json(nullptr), it.value());
  }
  return out;
}

Json PatchRules::strategic(const Json& target, const Json& patch) {
  if (!patch.is_object()) throw std::invalid_argument("a strategic merge patch must be an object");
  if (patch.contains("$patch") && patch["$patch"] == "delete")
    throw std::invalid_argument("$patch: delete is not allowed at the top level of an object");
  return strategic_value(target, patch);
}

Json PatchRules::json_patch(const Json& target, const Json& patch) {
  if (!patch.is_array()) throw std::invalid_argument("a JSON patch must be an array of operations");
  try {
    return target.patch(patch);
  } catch (const Json::exception& e) {
    throw std::invalid_argument(e.what());
  }
}

}  // namespace fleetsim::spoke
