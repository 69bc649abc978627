#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

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
  fs::path dir = fs::absolute(scenario_file, ec).lexically_normal().parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / "models", ec)) {
      // Spelled like the scenario's path (relative stays relative), for messages.
      if (fs::path(scenario_file).is_absolute()) return dir / "models";
      const fs::path rel = (dir / "models").lexically_relative(fs::current_path(ec));
      return rel.empty() ? dir / "models" : rel;
    }
    if (dir == dir.parent_path()) break;
  }
  return "models";
}

namespace {

struct Segment {
  std::string key;
  long index = -1;         // >= 0 for [n]
  std::size_t column = 1;  // of the segment in PATH=VALUE, 1-based
};

// A malformed --set path, at a column of it.
struct PathError {
  std::size_t column;
  std::string message;
};

// PATH is key ('.' key | '[' index ']')*.
std::vector<Segment> split_path(const std::string& path) {
  std::vector<Segment> out;
  std::size_t i = 0;
  const auto read_key = [&] {
    const std::size_t start = i;
    while (i < path.size() && path[i] != '.' && path[i] != '[') ++i;
    if (i == start) throw PathError{start + 1, "empty key in path"};
    out.push_back({path.substr(start, i - start), -1, start + 1});
  };
  read_key();
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      read_key();
      continue;
    }
    const std::size_t close = path.find(']', i);
    if (close == std::string::npos) throw PathError{i + 1, "missing ']' in path"};
    const std::string digits = path.substr(i + 1, close - i - 1);
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
      throw PathError{i + 1, "invalid index [" + digits + "]"};
    out.push_back({"", std::stol(digits), i + 1});
    i = close + 1;
    if (i < path.size() && path[i] != '.' && path[i] != '[')
      throw PathError{i + 1, "expected '.' or '[' after ']'"};
  }
  return out;
}

// " (did you mean "x"?)" for a likely typo, else " (expected one of: ...)" or "".
std::string hint(const std::string& word, const std::vector<std::string>& names) {
  std::string best, all;
  std::size_t best_d = 3;
  for (const auto& n : names) {
    if (const auto d = edit_distance(word, n); d < best_d) best_d = d, best = n;
    all += (all.empty() ? "" : ", ") + n;
  }
  if (!best.empty()) return " (did you mean \"" + best + "\"?)";
  return all.empty() ? "" : " (expected one of: " + all + ")";
}

// Puts the scenario together: the file, --set overrides and named latency models inlined
// (each mounted in the Locator so that errors point into the model file).
class Assembler {
 public:
  Assembler(Json& root, Locator& loc, fs::path models_dir, std::vector<Diagnostic>& diags)
      : root_(root), loc_(loc), models_dir_(std::move(models_dir)), diags_(diags) {}

  // The --set overrides of `environment` only (applied before the environment model is
  // merged in, so that it names the model used), or all the others.
  enum class Sets { kEnvironment, kOthers };
  void apply_sets(const std::vector<std::string>& sets, Sets which);
  // Inlines every model still given by name.
  void inline_models();

 private:
  Json* settable(const std::string& path, std::size_t& column, std::string& err,
                 const SchemaNode*& node);
  void inline_model(Json& slot, const std::string& path);

  Json& root_;
  Locator& loc_;
  fs::path models_dir_;
  std::vector<Diagnostic>& diags_;
  std::set<std::string> failed_;                  // model references already reported
  std::map<std::string, Location> named_by_set_;  // model references given by --set
};

// Walks schema and document along `path`; returns the slot to assign (and its schema), or an
// error text and the column of the offending segment. A model given by name is inlined on
// the way, so that --set can change a value inside it.
Json* Assembler::settable(const std::string& path, std::size_t& column, std::string& err,
                          const SchemaNode*& node) {
  node = &scenario_schema();
  Json* v = &root_;
  std::string walked;
  for (const auto& seg : split_path(path)) {
    column = seg.column;
    if (node->type == T::kModelRef) {
      if (v->is_string()) inline_model(*v, walked);
      node = node->item.get();
    }
    if (seg.index >= 0) {
      if (node->type != T::kArray || !v->is_array() || seg.index >= static_cast<long>(v->size())) {
        err = "no element [" + std::to_string(seg.index) + "]";
        if (v->is_array()) err += " (the list has " + std::to_string(v->size()) + ")";
        return nullptr;
      }
      node = node->item.get();
      v = &(*v)[seg.index];
      walked += index_suffix(static_cast<std::size_t>(seg.index));
      continue;
    }
    if (!v->is_null() && !v->is_object()) {
      err = "cannot set \"" + seg.key + "\" inside " + type_name(*v);
      return nullptr;
    }
    if (node->type == T::kMap) {
      if (!v->contains(seg.key)) {
        std::vector<std::string> names;
        if (v->is_object())
          for (const auto& [name, entry] : v->items()) names.push_back(name);
        err = "no entry named \"" + seg.key + "\" in " + walked +
              (names.empty() ? " (--set cannot add one)" : hint(seg.key, names));
        return nullptr;
      }
      node = node->item.get();
    } else if (node->type == T::kObject && node->fields.empty() && node->variants.empty()) {
      // free-form object: any key, no further schema
    } else if (node->type == T::kObject || node->type == T::kOneOf) {
      std::string variant;
      if (!node->discriminator.empty()) {
        const Json* d = v->is_object() && v->contains(node->discriminator)
                            ? &(*v)[node->discriminator]
                            : &node->field(node->discriminator)->def;
        if (d->is_string()) variant = d->get<std::string>();
      }
      const SchemaNode* f = node->field(seg.key, variant);
      if (!f) {
        std::vector<std::string> names;
        for (const auto& [n, ff] : node->fields) names.push_back(n);
        if (const auto it = node->variants.find(variant); it != node->variants.end())
          for (const auto& [n, ff] : it->second) names.push_back(n);
        err = "unknown key \"" + seg.key + "\"" + hint(seg.key, names);
        return nullptr;
      }
      node = f;
    } else {
      err = "cannot set \"" + seg.key + "\" inside " +
            (node->type == T::kDistribution ? "a distribution" : "a single value") +
            "; set the whole value";
      return nullptr;
    }
    v = &(*v)[seg.key];
    walked = walked.empty() ? seg.key : walked + "." + seg.key;
  }
  return v;
}

void Assembler::apply_sets(const std::vector<std::string>& sets, Sets which) {
  int n = 0;
  for (const auto& s : sets) {
    ++n;
    const auto eq = s.find('=');
    const bool environment = eq != std::string::npos && s.compare(0, eq, "environment") == 0;
    if ((which == Sets::kEnvironment) != environment) continue;
    if (eq == std::string::npos || eq == 0) {
      diags_.push_back({Location{"--set", n, 1}, "", "expected PATH=VALUE, got \"" + s + "\""});
      continue;
    }
    const std::string path = s.substr(0, eq), text = s.substr(eq + 1);
    std::string err;
    std::size_t column = 1;
    const SchemaNode* node = nullptr;
    Json* slot = nullptr;
    try {
      slot = settable(path, column, err, node);
    } catch (const PathError& e) {
      column = e.column;
      err = e.message;
    }
    if (!slot) {
      diags_.push_back({Location{"--set", n, static_cast<int>(column)}, path, err});
      continue;
    }
    Json value = Json::parse(text, nullptr, false);
    *slot = value.is_discarded() ? Json(text) : value;
    const Location where{"--set", n, static_cast<int>(eq) + 2};
    if (node->type == T::kModelRef && slot->is_string()) {
      // A model by name: values inside it are located in its file once inlined.
      named_by_set_[path] = where;
      failed_.erase(path);
    } else {
      loc_.override_at(path, where);
    }
  }
}

void Assembler::inline_model(Json& slot, const std::string& path) {
  if (!slot.is_string() || failed_.contains(path)) return;
  const auto by_set = named_by_set_.find(path);
  const Location at = by_set != named_by_set_.end() ? by_set->second : loc_.value(path);
  const std::string name = slot.get<std::string>();
  const fs::path file = models_dir_ / (name + ".json");
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(models_dir_, ec))
      if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    std::string available;
    for (const auto& m : names) available += (available.empty() ? "" : ", ") + m;
    diags_.push_back({at, path,
                      "no model \"" + name + "\" (looked for " + file.string() +
                          (available.empty() ? "" : "; available: " + available) + ")"});
    failed_.insert(path);
    return;
  }
  std::shared_ptr<JsoncDocument> doc;
  try {
    doc = std::make_shared<JsoncDocument>(JsoncDocument::load(file.string()));
  } catch (const InputError& e) {
    diags_.insert(diags_.end(), e.diagnostics().begin(), e.diagnostics().end());
    failed_.insert(path);
    return;
  }
  if (!doc->root().is_object()) {
    diags_.push_back(
        {doc->value_location(""), path,
         "a latency model file must contain a JSON object, got " + type_name(doc->root())});
    failed_.insert(path);
    return;
  }
  slot = doc->root();
  loc_.mount(path, doc);
}

void Assembler::inline_models() {
  Json& root = root_;
  if (root.contains("api_servers") && root["api_servers"].is_object())
    for (auto& [name, server] : root["api_servers"].items())
      if (server.is_object() && server.contains("latency"))
        inline_model(server["latency"], "api_servers." + name + ".latency");
  if (root.contains("fleet") && root["fleet"].is_object() && root["fleet"].contains("spoke") &&
      root["fleet"]["spoke"].is_object() && root["fleet"]["spoke"].contains("latency"))
    inline_model(root["fleet"]["spoke"]["latency"], "fleet.spoke.latency");
}

// `over` wins; objects merge key by key.
Json merged(const Json& base, const Json& over) {
  if (!base.is_object() || !over.is_object()) return over;
  Json out = base;
  for (const auto& [k, v] : over.items()) out[k] = out.contains(k) ? merged(out[k], v) : v;
  return out;
}

// An environment model calibrates the scenario's controllers, it adds none: its entry for a
// controller is kept only when the scenario has a generic (`steps`) controller of that name.
void calibrate_only(Json& env, const Json& root) {
  if (!env.contains("controllers") || !env["controllers"].is_object()) return;
  const Json* own = root.contains("controllers") && root["controllers"].is_object()
                        ? &root["controllers"]
                        : nullptr;
  Json kept = Json::object();
  for (const auto& [name, c] : env["controllers"].items()) {
    if (!own || !own->contains(name) || !(*own)[name].is_object()) continue;
    const Json& mine = (*own)[name];
    if (mine.contains("type") && mine["type"] != "steps") continue;
    kept[name] = c;
  }
  env["controllers"] = kept;
}

void inherit_environment(Json& root, const fs::path& dir, Locator& loc,
                         std::vector<Diagnostic>& d) {
  if (!root.contains("environment") || !root["environment"].is_string()) return;
  const std::string name = root["environment"].get<std::string>();
  if (name.empty()) return;
  const fs::path file = dir / (name + ".json");
  std::error_code ec;  // a name too long for the file system is "no such model", not a throw
  if (!fs::is_regular_file(file, ec)) {
    d.push_back({loc.value("environment"), "environment",
                 "no environment model \"" + name + "\" (looked for " + file.string() + ")"});
    return;
  }
  auto doc = std::make_shared<JsoncDocument>(JsoncDocument::load(file.string()));
  if (!doc->root().is_object()) {
    d.push_back({doc->value_location(""), "", "an environment model must be a JSON object"});
    return;
  }
  Json env = doc->root();
  env.erase("environment");
  env.erase("description");
  env.erase("notes");
  env.erase("provenance");
  calibrate_only(env, root);
  root = merged(env, root);
  loc.add_fallback(doc);
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
  if (root.contains("base") && root.contains("parameters"))
    throw InputError(sc.locator->key("base"), "",
                     "this is a sweep file (it has \"base\" and \"parameters\"; "
                     "docs/sweeps.md), not a scenario: run it with `fleetsim sweep " +
                         file + "`");
  std::vector<Diagnostic> diags;
  Assembler assembler(root, *sc.locator, sc.models_dir, diags);
  assembler.apply_sets(sets, Assembler::Sets::kEnvironment);
  inherit_environment(root, sc.models_dir, *sc.locator, diags);
  assembler.apply_sets(sets, Assembler::Sets::kOthers);
  assembler.inline_models();
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
