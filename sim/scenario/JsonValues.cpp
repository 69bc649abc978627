#include "scenario/JsonValues.hpp"

#include "scenario/Quantity.hpp"

namespace fleetsim::scenario {

std::string type_name(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

std::string index_suffix(std::size_t i) {
  std::string s(1, '[');
  s += std::to_string(i);
  s += ']';
  return s;
}

namespace {

double quantity(const Json& v, double (*parse)(std::string_view), const char* what) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string())
    throw FieldError("", std::string("expected ") + what + ", got " + type_name(v));
  try {
    return parse(v.get<std::string>());
  } catch (const std::invalid_argument& e) {
    throw FieldError("",
                     std::string("bad ") + what + " \"" + v.get<std::string>() + "\": " + e.what());
  }
}

const Json& member(const Json& obj, const char* key, const std::string& where) {
  if (!obj.is_object() || !obj.contains(key))
    throw FieldError(where, std::string("missing key \"") + key + "\"");
  return obj.at(key);
}

double dur_at(const Json& obj, const char* key, const std::string& where) {
  try {
    return duration_value(member(obj, key, where));
  } catch (const FieldError& e) {
    if (e.subpath == where) throw;
    throw FieldError(where + "." + key, e.what());
  }
}

engine::Distribution make(const std::string& kind, const Json& a) {
  const std::string w = "." + kind;
  if (kind == "constant") {
    try {
      return engine::Distribution::constant(duration_value(a));
    } catch (const FieldError& e) {
      throw FieldError(w, e.what());
    }
  }
  if (kind == "uniform")
    return engine::Distribution::uniform(dur_at(a, "min", w), dur_at(a, "max", w));
  if (kind == "exponential") return engine::Distribution::exponential(dur_at(a, "mean", w));
  if (kind == "lognormal")
    return engine::Distribution::lognormal_from_median_p99(dur_at(a, "median", w),
                                                           dur_at(a, "p99", w));
  if (kind == "empirical") {
    if (!a.is_array() || a.empty())
      throw FieldError(w, "expected a non-empty array of [quantile, value] pairs");
    std::vector<std::pair<double, double>> table;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string wi = w + index_suffix(i);
      if (!a[i].is_array() || a[i].size() != 2 || !a[i][0].is_number())
        throw FieldError(wi, "expected [quantile, value]");
      try {
        table.emplace_back(a[i][0].get<double>(), duration_value(a[i][1]));
      } catch (const FieldError& e) {
        throw FieldError(wi + "[1]", e.what());
      }
    }
    return engine::Distribution::empirical(std::move(table));
  }
  throw FieldError("." + kind, "unknown distribution \"" + kind +
                                   "\" (constant, uniform, exponential, lognormal, empirical)");
}

}  // namespace

double duration_value(const Json& v) {
  double s = quantity(v, parse_duration, "a duration");
  return s;
}
double cpu_value(const Json& v) {
  return quantity(v, parse_cpu, "a CPU quantity");
}
double memory_value(const Json& v) {
  return quantity(v, parse_memory, "a memory quantity");
}

engine::Distribution distribution_value(const Json& v) {
  if (v.is_string() || v.is_number()) {
    const double s = duration_value(v);
    if (s < 0) throw FieldError("", "must be >= 0");
    return engine::Distribution::constant(s);
  }
  if (!v.is_object() || v.size() != 1)
    throw FieldError("",
                     "expected a duration or an object with one key: constant, uniform, "
                     "exponential, lognormal, empirical");
  const auto it = v.begin();
  const std::string kind = it.key();
  const Json& args = it.value();
  try {
    return make(kind, args);
  } catch (const std::invalid_argument& e) {
    throw FieldError("." + kind, e.what());
  }
}

std::vector<std::pair<double, double>> points_value(const Json& v) {
  if (!v.is_array()) throw FieldError("", "expected an array of [x, y] pairs, got " + type_name(v));
  std::vector<std::pair<double, double>> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto& p = v[i];
    const std::string w = index_suffix(i);
    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
      throw FieldError(w, "expected [x, y] numbers");
    if (!out.empty() && p[0].get<double>() <= out.back().first)
      throw FieldError(w, "x must increase");
    if (p[1].get<double>() <= 0) throw FieldError(w + "[1]", "factor must be > 0");
    out.emplace_back(p[0].get<double>(), p[1].get<double>());
  }
  return out;
}

}  // namespace fleetsim::scenario
