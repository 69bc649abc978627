#include "scenario/JsonValues.hpp"

#include <cmath>
#include <cstdio>

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

constexpr double kMaxDurationSeconds = 9223372036.854775807;  // Go's maximum time.Duration

std::string shown_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

// What a parse error of `text` lacks, for the user: the notation's units or examples.
std::string notation_hint(const char* what, const std::string& message) {
  const std::string_view w = what;
  if (w == "a duration" && message.find("unit") != std::string::npos)
    return " (units: ns, us, ms, s, m, h)";
  if (message.rfind("invalid", 0) != 0) return "";
  if (w == "a duration")
    return " (expected a number and a unit, e.g. \"250ms\", \"1.5s\", \"1h30m\")";
  if (w == "a CPU quantity") return " (e.g. \"500m\", \"2\")";
  if (w == "a memory quantity") return " (e.g. \"512Mi\", \"4Gi\", \"1G\")";
  return "";
}

double quantity(const Json& v, double (*parse)(std::string_view), const char* what) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string())
    throw FieldError("", std::string("expected ") + what + ", got " + type_name(v));
  const std::string& text = v.get_ref<const std::string&>();
  try {
    return parse(text);
  } catch (const std::invalid_argument& e) {
    if (text.find_first_of(" \t") != std::string::npos) {
      std::string compact;
      for (char c : text)
        if (c != ' ' && c != '\t') compact += c;
      std::string msg =
          "invalid " + std::string(what + 2) + " \"" + text + "\": spaces are not allowed";
      try {
        (void)parse(compact);
        msg += " (write \"" + compact + "\")";
      } catch (const std::invalid_argument&) {
      }
      throw FieldError("", msg);
    }
    throw FieldError("", e.what() + notation_hint(what, e.what()));
  }
}

// Numbers only: the quantity parsers already reject negative text.
double non_negative(double x) {
  if (x < 0) throw FieldError("", "must be >= 0, got " + shown_number(x));
  return x;
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

std::string shown(double seconds) {
  return format_duration(seconds);
}

// Checks the parameters before the engine does, so that a message names the offending key.
engine::Distribution make(const std::string& kind, const Json& a) {
  const std::string w = "." + kind;
  if (kind == "constant") {
    double c = 0;
    try {
      c = duration_value(a);
    } catch (const FieldError& e) {
      throw FieldError(w, e.what());
    }
    if (c < 0) throw FieldError(w, "must be >= 0, got " + shown(c));
    return engine::Distribution::constant(c);
  }
  if (kind == "uniform") {
    const double lo = dur_at(a, "min", w), hi = dur_at(a, "max", w);
    if (lo < 0) throw FieldError(w + ".min", "must be >= 0, got " + shown(lo));
    if (hi < lo)
      throw FieldError(w + ".max", "max (" + shown(hi) + ") must be >= min (" + shown(lo) + ")");
    return engine::Distribution::uniform(lo, hi);
  }
  if (kind == "exponential") {
    const double mean = dur_at(a, "mean", w);
    if (!(mean > 0)) throw FieldError(w + ".mean", "must be > 0, got " + shown(mean));
    return engine::Distribution::exponential(mean);
  }
  if (kind == "lognormal") {
    const double median = dur_at(a, "median", w), p99 = dur_at(a, "p99", w);
    if (!(median > 0)) throw FieldError(w + ".median", "must be > 0, got " + shown(median));
    if (p99 < median)
      throw FieldError(w + ".p99",
                       "p99 (" + shown(p99) + ") must be >= median (" + shown(median) + ")");
    return engine::Distribution::lognormal_from_median_p99(median, p99);
  }
  if (kind == "empirical") {
    if (!a.is_array() || a.empty())
      throw FieldError(w, "expected a non-empty array of [quantile, value] pairs");
    std::vector<std::pair<double, double>> table;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string wi = w + index_suffix(i);
      if (!a[i].is_array() || a[i].size() != 2 || !a[i][0].is_number())
        throw FieldError(wi, "expected [quantile, value]");
      const double q = a[i][0].get<double>();
      double x = 0;
      try {
        x = duration_value(a[i][1]);
      } catch (const FieldError& e) {
        throw FieldError(wi + "[1]", e.what());
      }
      if (q < 0 || q > 1)
        throw FieldError(wi + "[0]", "quantile must be in [0, 1], got " + shown_number(q));
      if (!table.empty() && q <= table.back().first)
        throw FieldError(wi + "[0]", "quantiles must increase: " + shown_number(q) + " after " +
                                         shown_number(table.back().first));
      if (x < 0) throw FieldError(wi + "[1]", "must be >= 0, got " + shown(x));
      if (!table.empty() && x < table.back().second)
        throw FieldError(wi + "[1]", "values must not decrease: " + shown(x) + " after " +
                                         shown(table.back().second));
      table.emplace_back(q, x);
    }
    return engine::Distribution::empirical(std::move(table));
  }
  throw FieldError("." + kind, "unknown distribution \"" + kind +
                                   "\" (constant, uniform, exponential, lognormal, empirical)");
}

}  // namespace

double duration_value(const Json& v) {
  const double s = quantity(v, parse_duration, "a duration");
  // A number of seconds has the range of a Go duration string (int64 nanoseconds).
  if (v.is_number() && !(std::abs(s) <= kMaxDurationSeconds))
    throw FieldError("", "duration " + shown_number(s) + " s out of range (at most " +
                             shown_number(kMaxDurationSeconds) + " s, about 292 years)");
  return s;
}
double cpu_value(const Json& v) {
  return non_negative(quantity(v, parse_cpu, "a CPU quantity"));
}
double memory_value(const Json& v) {
  return non_negative(quantity(v, parse_memory, "a memory quantity"));
}

engine::Distribution distribution_value(const Json& v) {
  if (v.is_string() || v.is_number()) {
    const double s = duration_value(v);
    if (s < 0) throw FieldError("", "must be >= 0, got " + shown(s));
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
