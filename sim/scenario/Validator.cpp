#include "scenario/Validator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fleetsim::scenario {

using T = SchemaNode::Type;

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] != b[j - 1])});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

bool valid_name(const std::string& n) {
  if (n.empty() || n.size() > 63) return false;
  for (char c : n)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
      return false;
  return true;
}

}  // namespace

void Validator::error(const std::string& path, const std::string& message, bool at_key) {
  diags_.push_back(Diagnostic{at_key ? loc_.key(path) : loc_.value(path), path, message});
}

void Validator::unknown_key(const std::string& key, const std::vector<std::string>& known,
                            const std::string& path) {
  std::string msg = "unknown key \"" + key + "\"";
  std::string best;
  std::size_t best_d = 3;
  for (const auto& k : known) {
    auto d = edit_distance(key, k);
    if (d < best_d) best_d = d, best = k;
  }
  if (!best.empty()) msg += " (did you mean \"" + best + "\"?)";
  error(join_path(path, key), msg, true);
}

Json Validator::resolve(const Json& v, const SchemaNode& s, const std::string& path) {
  switch (s.type) {
    case T::kObject:
      return object(v, s, path);
    case T::kMap:
      return map(v, s, path);
    case T::kArray:
      return array(v, s, path);
    case T::kOneOf:
      return one_of(v, s, path);
    case T::kModelRef:
      if (v.is_string()) return v;  // the loader inlines named models before validation
      return resolve(v, *s.item, path);
    default:
      scalar(v, s, path);
      return v;
  }
}

Json Validator::object(const Json& v, const SchemaNode& s, const std::string& path) {
  if (!v.is_object()) {
    error(path, "expected an object, got " + type_name(v));
    return v;
  }
  if (s.fields.empty() && s.variants.empty()) return v;  // free-form
  std::string variant;
  if (!s.discriminator.empty()) {
    const auto* d = s.field(s.discriminator);
    variant = v.contains(s.discriminator) && v[s.discriminator].is_string()
                  ? v[s.discriminator].get<std::string>()
                  : d->def.get<std::string>();
  }
  std::vector<std::string> known;
  for (const auto& [n, f] : s.fields) known.push_back(n);
  if (auto it = s.variants.find(variant); it != s.variants.end())
    for (const auto& [n, f] : it->second) known.push_back(n);
  Json out = Json::object();
  for (const auto& [key, value] : v.items()) {
    const SchemaNode* f = s.field(key, variant);
    if (!f) {
      unknown_key(key, known, path);
      continue;
    }
    out[key] = resolve(value, *f, join_path(path, key));
  }
  for (const auto& name : known) {
    if (out.contains(name) || v.contains(name)) continue;
    const SchemaNode* f = s.field(name, variant);
    if (f->required)
      error(path, "missing required key \"" + name + "\"");
    else if (!f->def.is_null())
      out[name] = resolve(f->def, *f, join_path(path, name));
  }
  return out;
}

Json Validator::map(const Json& v, const SchemaNode& s, const std::string& path) {
  if (!v.is_object()) {
    error(path, "expected an object, got " + type_name(v));
    return v;
  }
  Json out = Json::object();
  for (const auto& [key, value] : v.items()) {
    if (!valid_name(key))
      error(join_path(path, key),
            "invalid name \"" + key + "\" (lower-case letters, digits, '-' and '_')", true);
    out[key] = resolve(value, *s.item, join_path(path, key));
  }
  return out;
}

Json Validator::array(const Json& v, const SchemaNode& s, const std::string& path) {
  if (!v.is_array()) {
    error(path, "expected an array, got " + type_name(v));
    return v;
  }
  Json out = Json::array();
  for (std::size_t i = 0; i < v.size(); ++i)
    out.push_back(resolve(v[i], *s.item, path + index_suffix(i)));
  return out;
}

Json Validator::one_of(const Json& v, const SchemaNode& s, const std::string& path) {
  std::string names;
  for (const auto& [n, f] : s.fields) names += (names.empty() ? "" : ", ") + n;
  if (!v.is_object() || v.size() != 1) {
    error(path, "expected an object with exactly one of: " + names);
    return v;
  }
  const auto it = v.begin();
  const std::string key = it.key();
  const Json& value = it.value();
  const SchemaNode* f = s.field(key);
  if (!f) {
    std::vector<std::string> known;
    for (const auto& [n, ff] : s.fields) known.push_back(n);
    unknown_key(key, known, path);
    return v;
  }
  return Json{{key, resolve(value, *f, join_path(path, key))}};
}

void Validator::range(double x, const SchemaNode& s, const std::string& path) {
  if (!std::isfinite(x)) return error(path, "must be a finite number");
  if (x < s.min) return error(path, "must be >= " + fmt(s.min) + ", got " + fmt(x));
  if (x > s.max) return error(path, "must be <= " + fmt(s.max) + ", got " + fmt(x));
}

void Validator::scalar(const Json& v, const SchemaNode& s, const std::string& path) {
  try {
    switch (s.type) {
      case T::kInt:
        if (!v.is_number_integer()) return error(path, "expected an integer, got " + type_name(v));
        return range(v.get<double>(), s, path);
      case T::kNumber:
        if (!v.is_number()) return error(path, "expected a number, got " + type_name(v));
        return range(v.get<double>(), s, path);
      case T::kBool:
        if (!v.is_boolean()) return error(path, "expected true or false, got " + type_name(v));
        return;
      case T::kString:
        if (!v.is_string()) return error(path, "expected a string, got " + type_name(v));
        return;
      case T::kEnum: {
        std::string all;
        for (const auto& c : s.choices) all += (all.empty() ? "" : ", ") + c;
        if (!v.is_string() ||
            std::find(s.choices.begin(), s.choices.end(), v.get<std::string>()) == s.choices.end())
          return error(path, "expected one of: " + all);
        return;
      }
      case T::kDuration:
        return range(duration_value(v), s, path);
      case T::kCpu:
        return range(cpu_value(v), s, path);
      case T::kMemory:
        return range(memory_value(v), s, path);
      case T::kDistribution:
        (void)distribution_value(v);
        return;
      case T::kPoints:
        (void)points_value(v);
        return;
      default:
        return;
    }
  } catch (const FieldError& e) {
    error(path + e.subpath, e.what());
  }
}

}  // namespace fleetsim::scenario
