#include "scenario/Validator.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "scenario/Quantity.hpp"

namespace fleetsim::scenario {

using T = SchemaNode::Type;

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

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

namespace {

std::string fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", x);
  return buf;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The candidate closest to `word` (ignoring case) if it is a plausible typo, else "".
std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = 3;
  for (const auto& c : candidates) {
    const auto d = edit_distance(lower(word), lower(c));
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

std::string joined(const std::vector<std::string>& names) {
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  return all;
}

// The offending value as the user wrote it (numbers, short strings) or its type.
std::string shown(const Json& v) {
  if (v.is_number() || v.is_boolean() || v.is_null()) return v.dump();
  if (v.is_string()) {
    const std::string& text = v.get_ref<const std::string&>();
    if (text.size() <= 40) return "the string " + v.dump();
  }
  return type_name(v);
}

// Distribution kinds and the keys of their parameter objects (constant and empirical take
// a value and a table, not an object).
const std::vector<std::pair<std::string, std::vector<std::string>>>& distribution_kinds() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kinds = {
      {"constant", {}},
      {"uniform", {"min", "max"}},
      {"exponential", {"mean"}},
      {"lognormal", {"median", "p99"}},
      {"empirical", {}}};
  return kinds;
}

// `unknown key "x"`, with the likely intended name or else every possible one.
std::string unknown_key_message(const std::string& what, const std::string& key,
                                const std::vector<std::string>& known) {
  std::string msg = "unknown " + what + " \"" + key + "\"";
  if (const std::string best = closest(key, known); !best.empty())
    msg += " (did you mean \"" + best + "\"?)";
  else if (!known.empty())
    msg += " (expected one of: " + joined(known) + ")";
  return msg;
}

// Reports an unknown distribution kind or parameter at its key (the value readers do not
// check keys); false when the kind is unknown, so the value cannot be read further.
bool distribution_keys(Validator& validator, const Json& v, const std::string& path) {
  if (!v.is_object() || v.size() != 1) return true;
  const std::string kind = v.begin().key();
  std::vector<std::string> kinds;
  const std::vector<std::string>* params = nullptr;
  for (const auto& [name, keys] : distribution_kinds()) {
    kinds.push_back(name);
    if (name == kind) params = &keys;
  }
  if (!params) {
    validator.error(join_path(path, kind), unknown_key_message("distribution", kind, kinds), true);
    return false;
  }
  const Json& args = v.begin().value();
  if (!params->empty() && args.is_object())
    for (const auto& [key, value] : args.items())
      if (std::find(params->begin(), params->end(), key) == params->end())
        validator.error(join_path(join_path(path, kind), key),
                        unknown_key_message("key", key, *params), true);
  return true;
}

bool valid_name(const std::string& n) {
  if (n.empty() || n.size() > 63) return false;
  for (char c : n)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
      return false;
  return true;
}

// A Kubernetes qualified name: [prefix/]name, prefix a DNS subdomain (<= 253), name <= 63
// characters of alphanumerics, '-', '_', '.', starting and ending alphanumeric.
bool valid_qualified_name(const std::string& n) {
  const auto slash = n.find('/');
  const std::string prefix = slash == std::string::npos ? "" : n.substr(0, slash);
  const std::string name = slash == std::string::npos ? n : n.substr(slash + 1);
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (name.empty() || name.size() > 63 || !alnum(name.front()) || !alnum(name.back())) return false;
  for (char c : name)
    if (!(alnum(c) || c == '-' || c == '_' || c == '.')) return false;
  if (slash == std::string::npos) return true;
  if (prefix.empty() || prefix.size() > 253) return false;
  for (char c : prefix)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.'))
      return false;
  return true;
}

}  // namespace

void Validator::error(const std::string& path, const std::string& message, bool at_key) {
  diags_.push_back(Diagnostic{at_key ? loc_.key(path) : loc_.value(path), path, message});
}

void Validator::unknown_key(const std::string& key, const std::vector<std::string>& known,
                            const std::string& path) {
  error(join_path(path, key), unknown_key_message("key", key, known), true);
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
      if (!v.is_object()) {
        error(path, "expected a model name (models/NAME.json) or an object, got " + shown(v));
        return v;
      }
      return resolve(v, *s.item, path);
    default:
      scalar(v, s, path);
      return v;
  }
}

Json Validator::object(const Json& v, const SchemaNode& s, const std::string& path) {
  if (!v.is_object()) {
    error(path, "expected an object, got " + shown(v));
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
  const auto chosen = s.variants.find(variant);
  if (chosen != s.variants.end())
    for (const auto& [n, f] : chosen->second) known.push_back(n);
  // With a bad discriminator (already reported), keys of the other variants are not unknown.
  const auto of_some_variant = [&s](const std::string& key) {
    for (const auto& [name, fields] : s.variants)
      if (s.field(key, name)) return true;
    return false;
  };
  Json out = Json::object();
  for (const auto& [key, value] : v.items()) {
    const SchemaNode* f = s.field(key, variant);
    if (!f) {
      if (!s.variants.empty() && chosen == s.variants.end() && of_some_variant(key)) continue;
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
    error(path, "expected an object, got " + shown(v));
    return v;
  }
  Json out = Json::object();
  for (const auto& [key, value] : v.items()) {
    if (s.qualified_keys ? !valid_qualified_name(key) : !valid_name(key))
      error(join_path(path, key),
            s.qualified_keys
                ? "invalid name \"" + key + "\" (a Kubernetes qualified name: [prefix/]name)"
                : "invalid name \"" + key + "\" (lower-case letters, digits, '-' and '_')",
            true);
    out[key] = resolve(value, *s.item, join_path(path, key));
  }
  return out;
}

Json Validator::array(const Json& v, const SchemaNode& s, const std::string& path) {
  if (!v.is_array()) {
    error(path, "expected an array, got " + shown(v));
    return v;
  }
  Json out = Json::array();
  for (std::size_t i = 0; i < v.size(); ++i)
    out.push_back(resolve(v[i], *s.item, path + index_suffix(i)));
  return out;
}

Json Validator::one_of(const Json& v, const SchemaNode& s, const std::string& path) {
  std::vector<std::string> known;
  for (const auto& [n, f] : s.fields) known.push_back(n);
  const std::string names = joined(known);
  if (!v.is_object() || v.empty()) {
    error(path, "expected an object with exactly one of: " + names + "; got " +
                    (v.is_object() ? std::string("an empty object") : shown(v)));
    return v;
  }
  // Every key is checked; the second and later ones are reported where they are written.
  Json out = Json::object();
  for (const auto& [key, value] : v.items()) {
    const SchemaNode* f = s.field(key);
    if (!f) {
      unknown_key(key, known, path);
    } else if (out.empty()) {
      out[key] = resolve(value, *f, join_path(path, key));
    } else {
      error(
          join_path(path, key),
          "expected exactly one of: " + names + "; \"" + out.begin().key() + "\" is already given",
          true);
    }
  }
  return out.empty() ? v : out;
}

void Validator::range(double x, const SchemaNode& s, const std::string& path) {
  if (!std::isfinite(x)) return error(path, "must be a finite number");
  const std::string got = s.type == T::kDuration ? format_duration(x) : fmt(x);
  if (x < s.min) return error(path, "must be >= " + fmt(s.min) + ", got " + got);
  if (x > s.max) return error(path, "must be <= " + fmt(s.max) + ", got " + got);
}

void Validator::scalar(const Json& v, const SchemaNode& s, const std::string& path) {
  try {
    switch (s.type) {
      case T::kInt:
        if (!v.is_number_integer()) return error(path, "expected an integer, got " + shown(v));
        return range(v.get<double>(), s, path);
      case T::kNumber:
        if (!v.is_number()) return error(path, "expected a number, got " + shown(v));
        return range(v.get<double>(), s, path);
      case T::kBool:
        if (!v.is_boolean()) return error(path, "expected true or false, got " + shown(v));
        return;
      case T::kString:
        if (!v.is_string()) return error(path, "expected a string, got " + shown(v));
        return;
      case T::kEnum: {
        if (v.is_string() &&
            std::find(s.choices.begin(), s.choices.end(), v.get<std::string>()) != s.choices.end())
          return;
        std::string msg = "expected one of: " + joined(s.choices) + "; got " + shown(v);
        if (v.is_string())
          if (const std::string best = closest(v.get<std::string>(), s.choices); !best.empty())
            msg += " (did you mean \"" + best + "\"?)";
        return error(path, msg);
      }
      case T::kDuration:
        return range(duration_value(v), s, path);
      case T::kCpu:
        return range(cpu_value(v), s, path);
      case T::kMemory:
        return range(memory_value(v), s, path);
      case T::kDistribution:
        if (distribution_keys(*this, v, path)) (void)distribution_value(v);
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
