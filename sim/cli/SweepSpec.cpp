#include "cli/SweepSpec.hpp"

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "scenario/InputError.hpp"
#include "scenario/JsoncDocument.hpp"
#include "scenario/Scenario.hpp"

namespace fleetsim::cli {

namespace {

namespace fs = std::filesystem;
using Json = SweepSpec::Json;
using scenario::InputError;
using scenario::JsoncDocument;

class Checker {
 public:
  explicit Checker(const JsoncDocument& doc) : doc_(doc) {}
  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw InputError(doc_.value_location(path), path, message);
  }
  [[noreturn]] void fail_key(const std::string& path, const std::string& message) const {
    throw InputError(doc_.key_location(path), path, message);
  }
  void only_keys(const Json& obj, const std::string& path,
                 const std::set<std::string>& keys) const {
    for (const auto& [k, v] : obj.items())
      if (!keys.contains(k)) {
        std::string known;
        for (const auto& x : keys) known += (known.empty() ? "" : ", ") + x;
        fail_key(path.empty() ? k : path + "." + k, "unknown key (known: " + known + ")");
      }
  }
  const JsoncDocument& doc() const { return doc_; }

 private:
  const JsoncDocument& doc_;
};

std::string type_name(const Json& v) {
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return "null";
}

std::vector<Json> expand_range(const Checker& c, const std::string& path, const Json& r) {
  c.only_keys(r, path, {"from", "to", "step", "factor"});
  for (const char* k : {"from", "to"})
    if (!r.contains(k) || !r[k].is_number())
      c.fail(r.contains(k) ? path + "." + k : path,
             std::string("a range needs \"") + k + "\", a number");
  if (r.contains("step") == r.contains("factor"))
    c.fail(path, "a range needs exactly one of \"step\" (arithmetic) or \"factor\" (geometric)");
  const bool integral =
      r["from"].is_number_integer() && (r.contains("step") ? r["step"].is_number_integer() : true);
  const double from = r["from"].get<double>(), to = r["to"].get<double>();
  if (to < from) c.fail(path + ".to", "\"to\" must be >= \"from\"");
  std::vector<Json> out;
  if (r.contains("step")) {
    if (!r["step"].is_number() || !(r["step"].get<double>() > 0))
      c.fail(path + ".step", "\"step\" must be a number > 0");
    const double step = r["step"].get<double>();
    const auto n = static_cast<std::size_t>(std::floor((to - from) / step + 1e-9)) + 1;
    if (n > 10000) c.fail(path, "a range of more than 10,000 values");
    for (std::size_t i = 0; i < n; ++i) {
      const double x = from + static_cast<double>(i) * step;
      if (integral)
        out.emplace_back(static_cast<std::int64_t>(std::llround(x)));
      else
        out.emplace_back(std::round(x * 1e9) / 1e9);
    }
  } else {
    if (!r["factor"].is_number() || !(r["factor"].get<double>() > 1))
      c.fail(path + ".factor", "\"factor\" must be a number > 1");
    if (!(from > 0)) c.fail(path + ".from", "a geometric range needs \"from\" > 0");
    const double f = r["factor"].get<double>();
    for (double x = from; x <= to * (1 + 1e-9); x *= f) {
      if (integral)
        out.emplace_back(static_cast<std::int64_t>(std::llround(x)));
      else
        out.emplace_back(std::round(x * 1e9) / 1e9);
      if (out.size() > 10000) c.fail(path, "a range of more than 10,000 values");
    }
  }
  return out;
}

bool figure_path_ok(const std::string& p) {
  if (p.empty() || p.front() == '.' || p.back() == '.' || p.find("..") != std::string::npos)
    return false;
  return p.find_first_of(" \t<>=!") == std::string::npos;
}

}  // namespace

bool SweepSpec::Constraint::holds(double x) const {
  if (op == "<=") return x <= value;
  if (op == "<") return x < value;
  if (op == ">=") return x >= value;
  if (op == ">") return x > value;
  return x == value;
}

SweepSpec SweepSpec::load(const std::string& file) {
  const JsoncDocument doc = JsoncDocument::load(file);
  const Checker c(doc);
  const Json& root = doc.root();
  if (!root.is_object()) c.fail("", "a sweep file is a JSON object");
  c.only_keys(root, "",
              {"description", "base", "set", "parameters", "seeds", "figures", "constraint",
               "objective", "search"});
  SweepSpec s;
  s.file_ = file;
  s.name_ = fs::path(file).stem().string();
  s.source_ = root;

  if (!root.contains("base") || !root["base"].is_string() ||
      root["base"].get<std::string>().empty())
    c.fail(root.contains("base") ? "base" : "",
           "\"base\" (the scenario file, relative to this file) is required, a string");
  const std::string base = root["base"].get<std::string>();
  fs::path bp = fs::path(base).is_absolute() ? fs::path(base) : fs::path(file).parent_path() / base;
  s.base_path_ = bp.lexically_normal().string();
  if (!fs::is_regular_file(s.base_path_)) c.fail("base", "no scenario file " + s.base_path_);

  if (root.contains("set")) {
    if (!root["set"].is_object()) c.fail("set", "\"set\" is an object: scenario path -> value");
    for (const auto& [k, v] : root["set"].items()) s.sets_.emplace_back(k, v);
  }

  if (!root.contains("parameters") || !root["parameters"].is_object() || root["parameters"].empty())
    c.fail(root.contains("parameters") ? "parameters" : "",
           "\"parameters\" is required: an object, scenario path -> list of values or range");
  for (const auto& [k, v] : root["parameters"].items()) {
    const std::string path = "parameters." + k;
    Parameter p{k, {}};
    if (v.is_array()) {
      if (v.empty()) c.fail(path, "a parameter needs at least one value");
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i].is_array() || v[i].is_object() || v[i].is_null())
          c.fail(path + "[" + std::to_string(i) + "]",
                 "a value is a number, string or boolean, got " + type_name(v[i]));
        p.values.push_back(v[i]);
      }
    } else if (v.is_object()) {
      p.values = expand_range(c, path, v);
    } else {
      c.fail(path, "a list of values or a range {\"from\", \"to\", \"step\"|\"factor\"}, got " +
                       type_name(v));
    }
    for (std::size_t i = 1; i < p.values.size(); ++i) {
      const Json &a = p.values[i - 1], &b = p.values[i];
      if (a.is_number() && b.is_number() && !(a.get<double>() < b.get<double>()))
        c.fail(v.is_array() ? path + "[" + std::to_string(i) + "]" : path,
               "values must be strictly ascending (the order the search assumes)");
      if (a == b)
        c.fail(v.is_array() ? path + "[" + std::to_string(i) + "]" : path, "duplicate value");
    }
    for (const auto& [fk, fv] : s.sets_)
      if (fk == k) c.fail_key(path, "also fixed in \"set\"");
    s.parameters_.push_back(std::move(p));
  }

  if (root.contains("seeds")) {
    const Json& v = root["seeds"];
    if (v.is_number_integer()) {
      if (v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 1000)
        c.fail("seeds", "a count of seeds is an integer from 1 to 1000 (seeds 1..N)");
      for (std::int64_t i = 1; i <= v.get<std::int64_t>(); ++i)
        s.seeds_.push_back(static_cast<std::uint64_t>(i));
    } else if (v.is_array() && !v.empty()) {
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_number_integer() || v[i].get<std::int64_t>() < 0 ||
            v[i].get<std::int64_t>() > 2147483647)
          c.fail("seeds[" + std::to_string(i) + "]", "a seed is an integer from 0 to 2147483647");
        const auto seed = v[i].get<std::uint64_t>();
        if (std::find(s.seeds_.begin(), s.seeds_.end(), seed) != s.seeds_.end())
          c.fail("seeds[" + std::to_string(i) + "]", "duplicate seed");
        s.seeds_.push_back(seed);
      }
    } else {
      c.fail("seeds", "a non-empty list of seeds or a count");
    }
  } else {
    s.seeds_ = {1};
  }

  if (root.contains("figures")) {
    const Json& v = root["figures"];
    if (!v.is_array()) c.fail("figures", "a list of dotted summary.json paths");
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string() || !figure_path_ok(v[i].get<std::string>()))
        c.fail("figures[" + std::to_string(i) + "]",
               "a dotted summary.json path, e.g. \"systems.hive.first_pass_completed_at_s\"");
      if (std::find(s.figures_.begin(), s.figures_.end(), v[i].get<std::string>()) ==
          s.figures_.end())
        s.figures_.push_back(v[i].get<std::string>());
    }
  }

  if (root.contains("constraint")) {
    const Json& v = root["constraint"];
    if (!v.is_string())
      c.fail("constraint", "a string \"FIGURE OP NUMBER\", e.g. \"virtual_seconds <= 7200\"");
    const std::string t = v.get<std::string>();
    Constraint k;
    k.text = t;
    std::size_t at = std::string::npos;
    for (const char* op : {"<=", ">=", "==", "<", ">"}) {
      at = t.find(op);
      if (at != std::string::npos) {
        k.op = op;
        break;
      }
    }
    auto trim = [](std::string x) {
      const auto a = x.find_first_not_of(" \t"), b = x.find_last_not_of(" \t");
      return a == std::string::npos ? std::string() : x.substr(a, b - a + 1);
    };
    if (at == std::string::npos)
      c.fail("constraint", "no comparison in \"" + t + "\" (one of <= < >= > ==)");
    k.figure = trim(t.substr(0, at));
    const std::string num = trim(t.substr(at + k.op.size()));
    if (!figure_path_ok(k.figure))
      c.fail("constraint", "\"" + k.figure + "\" is not a dotted summary.json path");
    char* end = nullptr;
    k.value = std::strtod(num.c_str(), &end);
    if (num.empty() || *end != '\0' || !std::isfinite(k.value))
      c.fail("constraint", "\"" + num + "\" is not a number");
    if (std::find(s.figures_.begin(), s.figures_.end(), k.figure) == s.figures_.end())
      s.figures_.insert(s.figures_.begin(), k.figure);
    s.constraint_ = k;
  }

  std::vector<std::string> names;
  for (const auto& p : s.parameters_) names.push_back(p.path);
  if (root.contains("objective")) {
    const Json& v = root["objective"];
    if (!v.is_object() || v.size() != 1 || !(v.contains("minimize") || v.contains("cost")))
      c.fail("objective", "{\"minimize\": PARAMETER} or {\"cost\": EXPRESSION}");
    if (v.contains("minimize")) {
      if (!v["minimize"].is_string()) c.fail("objective.minimize", "a parameter's path");
      const std::string m = v["minimize"].get<std::string>();
      std::vector<std::string> hits;
      for (const auto& n : names)
        if (n == m || (n.size() > m.size() && n.ends_with("." + m))) hits.push_back(n);
      if (hits.size() != 1)
        c.fail("objective.minimize",
               "\"" + m + "\" is " + (hits.empty() ? "not a parameter" : "ambiguous"));
      s.minimize_ = hits[0];
    } else {
      if (!v["cost"].is_string()) c.fail("objective.cost", "an expression, e.g. \"cores * 0.1\"");
      try {
        s.cost_ = CostExpression::parse(v["cost"].get<std::string>(), names);
      } catch (const std::invalid_argument& e) {
        c.fail("objective.cost", e.what());
      }
      for (const auto& p : s.parameters_)
        if (v["cost"].get<std::string>().find(p.path.substr(p.path.rfind('.') + 1)) !=
            std::string::npos)
          for (const auto& x : p.values)
            if (!x.is_number())
              c.fail("parameters." + p.path, "a parameter in a cost expression needs numbers");
    }
  } else {
    s.minimize_ = names.front();
  }
  if (!s.minimize_.empty())
    for (const auto& p : s.parameters_)
      if (p.path == s.minimize_)
        for (const auto& x : p.values)
          if (!x.is_number())
            c.fail("parameters." + p.path, "the minimized parameter needs numbers");

  if (root.contains("search")) {
    const Json& v = root["search"];
    if (v.is_boolean()) {
      s.search_ = v.get<bool>();
    } else if (v.is_object()) {
      c.only_keys(v, "search", {"batch"});
      s.search_ = true;
      if (v.contains("batch")) {
        if (!v["batch"].is_number_integer() || v["batch"].get<std::int64_t>() < 1 ||
            v["batch"].get<std::int64_t>() > 1024)
          c.fail("search.batch", "an integer from 1 to 1024");
        s.batch_ = v["batch"].get<std::size_t>();
      }
    } else {
      c.fail("search", "true, false or {\"batch\": N}");
    }
    if (s.search_ && !s.constraint_) c.fail("search", "a search needs a \"constraint\"");
  }
  if (s.point_count() > 100000) c.fail("parameters", "more than 100,000 points");

  // Every parameter path and value must be valid for the base scenario.
  for (std::size_t pi = 0; pi < s.parameters_.size(); ++pi) {
    const auto& p = s.parameters_[pi];
    for (std::size_t vi = 0; vi < p.values.size(); ++vi) {
      std::vector<std::size_t> coord(s.parameters_.size(), 0);
      coord[pi] = vi;
      try {
        scenario::load_scenario(s.base_path_, s.set_arguments(s.index_of(coord)));
      } catch (const InputError& e) {
        const std::string where = root["parameters"][p.path].is_array()
                                      ? "parameters." + p.path + "[" + std::to_string(vi) + "]"
                                      : "parameters." + p.path;
        std::string msg = e.diagnostics().empty() ? e.what() : e.diagnostics().front().message;
        if (!e.diagnostics().empty() && !e.diagnostics().front().path.empty())
          msg = e.diagnostics().front().path + ": " + msg;
        c.fail(where,
               "value " + p.values[vi].dump() + " is not valid for " + s.base_path_ + ": " + msg);
      }
    }
  }
  return s;
}

SweepSpec SweepSpec::from_json(const Json& spec, const std::string& file,
                               const std::string& base_path) {
  // Re-parse the recorded content through the same checks, with the recorded base.
  Json copy = spec;
  copy["base"] = fs::absolute(base_path).lexically_normal().string();
  const std::string tmp =
      (fs::temp_directory_path() / ("fleetsim-sweep-" + std::to_string(::getpid()) + ".json"))
          .string();
  {
    std::FILE* f = std::fopen(tmp.c_str(), "w");
    if (!f) throw std::runtime_error("cannot write " + tmp);
    const std::string text = copy.dump(2);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  SweepSpec s;
  try {
    s = load(tmp);
  } catch (...) {
    fs::remove(tmp);
    throw;
  }
  fs::remove(tmp);
  s.file_ = file;
  s.name_ = fs::path(file).stem().string();
  s.source_ = spec;
  s.base_path_ = base_path;
  return s;
}

std::size_t SweepSpec::point_count() const {
  std::size_t n = 1;
  for (const auto& p : parameters_) n *= p.values.size();
  return n;
}

std::vector<std::size_t> SweepSpec::coordinates(std::size_t index) const {
  std::vector<std::size_t> c(parameters_.size());
  for (std::size_t i = parameters_.size(); i-- > 0;) {
    c[i] = index % parameters_[i].values.size();
    index /= parameters_[i].values.size();
  }
  return c;
}

std::size_t SweepSpec::index_of(const std::vector<std::size_t>& c) const {
  std::size_t index = 0;
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    index = index * parameters_[i].values.size() + c[i];
  return index;
}

std::string SweepSpec::point_id(std::size_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "p%04zu", index);
  return buf;
}

namespace {
std::string set_value(const Json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}
}  // namespace

std::vector<std::string> SweepSpec::set_arguments(std::size_t index) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : sets_) out.push_back(k + "=" + set_value(v));
  const auto c = coordinates(index);
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    out.push_back(parameters_[i].path + "=" + set_value(parameters_[i].values[c[i]]));
  return out;
}

Json SweepSpec::point_parameters(std::size_t index) const {
  Json j = Json::object();
  const auto c = coordinates(index);
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    j[parameters_[i].path] = parameters_[i].values[c[i]];
  return j;
}

std::optional<double> SweepSpec::point_cost(std::size_t index) const {
  const auto c = coordinates(index);
  if (cost_) {
    std::map<std::string, double> v;
    for (std::size_t i = 0; i < parameters_.size(); ++i)
      if (parameters_[i].values[c[i]].is_number())
        v[parameters_[i].path] = parameters_[i].values[c[i]].get<double>();
    return cost_->evaluate(v);
  }
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    if (parameters_[i].path == minimize_) return parameters_[i].values[c[i]].get<double>();
  return std::nullopt;
}

std::vector<std::size_t> SweepSpec::cheapest_first() const {
  std::vector<std::size_t> order(point_count());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<double> cost(order.size());
  std::vector<std::vector<std::size_t>> coords(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    cost[i] = point_cost(i).value_or(0);
    coords[i] = coordinates(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (cost[a] != cost[b]) return cost[a] < cost[b];
    return coords[a] < coords[b];
  });
  return order;
}

bool SweepSpec::below_or_equal(std::size_t a, std::size_t b) const {
  const auto ca = coordinates(a), cb = coordinates(b);
  for (std::size_t i = 0; i < ca.size(); ++i)
    if (ca[i] > cb[i]) return false;
  return true;
}

std::string SweepSpec::describe(std::size_t index) const {
  std::string out;
  const auto c = coordinates(index);
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    out += (i ? ", " : "") + parameters_[i].path + " = " + set_value(parameters_[i].values[c[i]]);
  return out;
}

}  // namespace fleetsim::cli
