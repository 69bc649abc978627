#include <cstdlib>

#include "scenario/InputError.hpp"
#include "scenario/Scenario.hpp"
#include "scenario/Schema.hpp"
#include "scenario/Validator.hpp"

namespace fleetsim::scenario {

namespace fs = std::filesystem;
using T = SchemaNode::Type;

fs::path find_models_dir(const std::string& scenario_file) {
  if (const char* env = std::getenv("FLEETSIM_MODELS"); env && *env) return env;
  std::error_code ec;
  fs::path dir = fs::absolute(scenario_file, ec).parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / "models", ec)) return dir / "models";
    if (dir == dir.parent_path()) break;
  }
  return "models";
}

namespace {

struct Segment {
  std::string key;
  long index = -1;  // >= 0 for [n]
};

std::vector<Segment> split_path(const std::string& path) {
  std::vector<Segment> out;
  std::string cur;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '.') {
      if (!cur.empty()) out.push_back({cur});
      cur.clear();
    } else if (c == '[') {
      if (!cur.empty()) out.push_back({cur});
      cur.clear();
      auto end = path.find(']', i);
      if (end == std::string::npos) throw std::invalid_argument("unclosed [");
      out.push_back({"", std::stol(path.substr(i + 1, end - i - 1))});
      i = end;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back({cur});
  if (out.empty()) throw std::invalid_argument("empty path");
  return out;
}

// Walks schema and document along `path`; returns the slot to assign, or an error text.
Json* settable(Json& root, const std::string& path, std::string& err) {
  const SchemaNode* node = &scenario_schema();
  Json* v = &root;
  for (const auto& seg : split_path(path)) {
    if (node->type == T::kModelRef) node = node->item.get();
    if (seg.index >= 0) {
      if (node->type != T::kArray || !v->is_array() || seg.index >= static_cast<long>(v->size())) {
        err = "no element [" + std::to_string(seg.index) + "]";
        return nullptr;
      }
      node = node->item.get();
      v = &(*v)[seg.index];
      continue;
    }
    if (!v->is_null() && !v->is_object()) {
      err = "cannot set \"" + seg.key + "\" inside a non-object";
      return nullptr;
    }
    if (node->type == T::kMap) {
      if (!v->contains(seg.key)) {
        err = "no entry named \"" + seg.key + "\" in this scenario";
        return nullptr;
      }
      node = node->item.get();
    } else if (node->type == T::kObject || node->type == T::kOneOf) {
      std::string variant;
      if (!node->discriminator.empty())
        variant = v->contains(node->discriminator)
                      ? (*v)[node->discriminator].get<std::string>()
                      : node->field(node->discriminator)->def.get<std::string>();
      node = node->field(seg.key, variant);
      if (!node) {
        err = "unknown key \"" + seg.key + "\"";
        return nullptr;
      }
    } else {
      err = "cannot descend into a value";
      return nullptr;
    }
    v = &(*v)[seg.key];
  }
  return v;
}

void apply_sets(Json& root, const std::vector<std::string>& sets, Locator& loc,
                std::vector<Diagnostic>& diags) {
  int n = 0;
  for (const auto& s : sets) {
    ++n;
    const auto eq = s.find('=');
    Location where{"--set", n, 1};
    if (eq == std::string::npos || eq == 0) {
      diags.push_back({where, "", "expected PATH=VALUE, got \"" + s + "\""});
      continue;
    }
    const std::string path = s.substr(0, eq), text = s.substr(eq + 1);
    std::string err;
    Json* slot = nullptr;
    try {
      slot = settable(root, path, err);
    } catch (const std::exception&) {
      err = "bad path";
    }
    if (!slot) {
      diags.push_back({where, path, err});
      continue;
    }
    Json value = Json::parse(text, nullptr, false);
    *slot = value.is_discarded() ? Json(text) : value;
    loc.override_at(path, Location{"--set", n, static_cast<int>(eq) + 2});
  }
}

void inline_model(Json& slot, const std::string& path, const fs::path& models_dir, Locator& loc,
                  std::vector<Diagnostic>& diags) {
  if (!slot.is_string()) return;
  const std::string name = slot.get<std::string>();
  const fs::path file = models_dir / (name + ".json");
  if (!fs::exists(file)) {
    diags.push_back(
        {loc.value(path), path, "no model \"" + name + "\" (looked for " + file.string() + ")"});
    return;
  }
  auto doc = std::make_shared<JsoncDocument>(JsoncDocument::load(file.string()));
  slot = doc->root();
  loc.mount(path, doc);
}

void inline_models(Json& root, const fs::path& dir, Locator& loc, std::vector<Diagnostic>& d) {
  if (root.contains("api_servers") && root["api_servers"].is_object())
    for (auto& [name, server] : root["api_servers"].items())
      if (server.is_object() && server.contains("latency"))
        inline_model(server["latency"], "api_servers." + name + ".latency", dir, loc, d);
  if (root.contains("fleet") && root["fleet"].is_object() && root["fleet"].contains("spoke") &&
      root["fleet"]["spoke"].is_object() && root["fleet"]["spoke"].contains("latency"))
    inline_model(root["fleet"]["spoke"]["latency"], "fleet.spoke.latency", dir, loc, d);
}

}  // namespace

Scenario load_scenario(const std::string& file, const std::vector<std::string>& sets) {
  auto doc = std::make_shared<JsoncDocument>(JsoncDocument::load(file));
  Scenario sc;
  sc.file = file;
  sc.locator = std::make_shared<Locator>(doc);
  sc.models_dir = find_models_dir(file);
  Json root = doc->root();
  if (!root.is_object())
    throw InputError(sc.locator->value(""), "", "a scenario must be a JSON object");
  std::vector<Diagnostic> diags;
  apply_sets(root, sets, *sc.locator, diags);
  inline_models(root, sc.models_dir, *sc.locator, diags);
  if (!diags.empty()) throw InputError(diags);
  Validator v(*sc.locator);
  sc.resolved = v.resolve(root, scenario_schema(), "");
  if (!v.diagnostics().empty()) throw InputError(v.diagnostics());
  sc.name = sc.resolved.contains("name") ? sc.resolved["name"].get<std::string>()
                                         : fs::path(file).stem().string();
  sc.resolved["name"] = sc.name;
  return sc;
}

}  // namespace fleetsim::scenario
