// SweepSpecReader: SweepSpec::load, one section of the sweep file at a time (docs/sweeps.md).
//
// Each read_* method checks one top-level key of the file and fills the matching member of
// the SweepSpec under construction; any problem is an InputError at the offending value's
// line:column. The order of the calls matters where a section refers to another: the
// constraint adds its figure to "figures", the objective names parameters, and the search
// needs the constraint.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/SweepSpec.hpp"
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
  const auto append = [&](double x) {
    if (integral)
      out.emplace_back(static_cast<std::int64_t>(std::llround(x)));
    else
      out.emplace_back(std::round(x * 1e9) / 1e9);  // 1.1 + 2 * 0.1 reads as 1.3
  };
  if (r.contains("step")) {
    if (!r["step"].is_number() || !(r["step"].get<double>() > 0))
      c.fail(path + ".step", "\"step\" must be a number > 0");
    const double step = r["step"].get<double>();
    const auto n = static_cast<std::size_t>(std::floor((to - from) / step + 1e-9)) + 1;
    if (n > 10000) c.fail(path, "a range of more than 10,000 values");
    for (std::size_t i = 0; i < n; ++i) {
      append(from + static_cast<double>(i) * step);
    }
  } else {
    if (!r["factor"].is_number() || !(r["factor"].get<double>() > 1))
      c.fail(path + ".factor", "\"factor\" must be a number > 1");
    if (!(from > 0)) c.fail(path + ".from", "a geometric range needs \"from\" > 0");
    const double f = r["factor"].get<double>();
    for (double x = from; x <= to * (1 + 1e-9); x *= f) {
      append(x);
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

std::string trim(const std::string& x) {
  const auto a = x.find_first_not_of(" \t"), b = x.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : x.substr(a, b - a + 1);
}

}  // namespace

class SweepSpecReader {
 public:
  SweepSpecReader(const JsoncDocument& doc, const std::string& file)
      : c_(doc), root_(doc.root()), file_(file) {}

  SweepSpec read() {
    if (!root_.is_object()) c_.fail("", "a sweep file is a JSON object");
    if (!root_.contains("base") && !root_.contains("parameters"))
      c_.fail("",
              "this looks like a scenario, not a sweep file (it has neither \"base\" nor "
              "\"parameters\"): run it with `fleetsim run " +
                  file_ + "`, or write a sweep file whose \"base\" is it (docs/sweeps.md)");
    c_.only_keys(root_, "",
                 {"description", "base", "set", "parameters", "seeds", "figures", "constraint",
                  "objective", "search"});
    s_.file_ = file_;
    s_.name_ = fs::path(file_).stem().string();
    s_.source_ = root_;
    read_base();
    read_sets();
    read_parameters();
    read_seeds();
    read_figures();
    read_constraint();
    read_objective();
    read_search();
    if (s_.point_count() > 100000) c_.fail("parameters", "more than 100,000 points");
    check_values_against_base();
    return std::move(s_);
  }

 private:
  void read_base() {
    if (!root_.contains("base") || !root_["base"].is_string() ||
        root_["base"].get<std::string>().empty())
      c_.fail(root_.contains("base") ? "base" : "",
              "\"base\" (the scenario file, relative to this file) is required, a string");
    const std::string base = root_["base"].get<std::string>();
    const fs::path bp =
        fs::path(base).is_absolute() ? fs::path(base) : fs::path(file_).parent_path() / base;
    s_.base_path_ = bp.lexically_normal().string();
    if (!fs::is_regular_file(s_.base_path_)) c_.fail("base", "no scenario file " + s_.base_path_);
  }

  void read_sets() {
    if (!root_.contains("set")) return;
    if (!root_["set"].is_object()) c_.fail("set", "\"set\" is an object: scenario path -> value");
    for (const auto& [k, v] : root_["set"].items()) s_.sets_.emplace_back(k, v);
  }

  void read_parameters() {
    if (!root_.contains("parameters") || !root_["parameters"].is_object() ||
        root_["parameters"].empty())
      c_.fail(root_.contains("parameters") ? "parameters" : "",
              "\"parameters\" is required: an object, scenario path -> list of values or range");
    for (const auto& [k, v] : root_["parameters"].items())
      s_.parameters_.push_back(parameter(k, v));
  }

  SweepSpec::Parameter parameter(const std::string& k, const Json& v) const {
    const std::string path = "parameters." + k;
    SweepSpec::Parameter p{k, {}};
    if (v.is_array()) {
      if (v.empty()) c_.fail(path, "a parameter needs at least one value");
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i].is_array() || v[i].is_object() || v[i].is_null())
          c_.fail(path + "[" + std::to_string(i) + "]",
                  "a value is a number, string or boolean, got " + type_name(v[i]));
        p.values.push_back(v[i]);
      }
    } else if (v.is_object()) {
      p.values = expand_range(c_, path, v);
    } else {
      c_.fail(path, "a list of values or a range {\"from\", \"to\", \"step\"|\"factor\"}, got " +
                        type_name(v));
    }
    for (std::size_t i = 1; i < p.values.size(); ++i) {
      const Json &a = p.values[i - 1], &b = p.values[i];
      const std::string at = v.is_array() ? path + "[" + std::to_string(i) + "]" : path;
      if (a.is_number() && b.is_number() && !(a.get<double>() < b.get<double>()))
        c_.fail(at, "values must be strictly ascending (the order the search assumes)");
      if (a == b) c_.fail(at, "duplicate value");
    }
    for (const auto& [fk, fv] : s_.sets_)
      if (fk == k) c_.fail_key(path, "also fixed in \"set\"");
    return p;
  }

  void read_seeds() {
    if (!root_.contains("seeds")) {
      s_.seeds_ = {1};
      return;
    }
    const Json& v = root_["seeds"];
    if (v.is_number_integer()) {
      if (v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 1000)
        c_.fail("seeds", "a count of seeds is an integer from 1 to 1000 (seeds 1..N)");
      for (std::int64_t i = 1; i <= v.get<std::int64_t>(); ++i)
        s_.seeds_.push_back(static_cast<std::uint64_t>(i));
      return;
    }
    if (!v.is_array() || v.empty()) c_.fail("seeds", "a non-empty list of seeds or a count");
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_number_integer() || v[i].get<std::int64_t>() < 0 ||
          v[i].get<std::int64_t>() > 2147483647)
        c_.fail("seeds[" + std::to_string(i) + "]", "a seed is an integer from 0 to 2147483647");
      const auto seed = v[i].get<std::uint64_t>();
      if (std::find(s_.seeds_.begin(), s_.seeds_.end(), seed) != s_.seeds_.end())
        c_.fail("seeds[" + std::to_string(i) + "]", "duplicate seed");
      s_.seeds_.push_back(seed);
    }
  }

  void read_figures() {
    if (!root_.contains("figures")) return;
    const Json& v = root_["figures"];
    if (!v.is_array()) c_.fail("figures", "a list of dotted summary.json paths");
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string() || !figure_path_ok(v[i].get<std::string>()))
        c_.fail("figures[" + std::to_string(i) + "]",
                "a dotted summary.json path, e.g. \"systems.hive.first_pass_completed_at_s\"");
      auto& figures = s_.figures_;
      if (std::find(figures.begin(), figures.end(), v[i].get<std::string>()) == figures.end())
        figures.push_back(v[i].get<std::string>());
    }
  }

  void read_constraint() {
    if (!root_.contains("constraint")) return;
    const Json& v = root_["constraint"];
    if (!v.is_string())
      c_.fail("constraint", "a string \"FIGURE OP NUMBER\", e.g. \"virtual_seconds <= 7200\"");
    const std::string t = v.get<std::string>();
    SweepSpec::Constraint k;
    k.text = t;
    std::size_t at = std::string::npos;
    for (const char* op : {"<=", ">=", "==", "<", ">"}) {
      at = t.find(op);
      if (at != std::string::npos) {
        k.op = op;
        break;
      }
    }
    if (at == std::string::npos)
      c_.fail("constraint", "no comparison in \"" + t + "\" (one of <= < >= > ==)");
    k.figure = trim(t.substr(0, at));
    const std::string num = trim(t.substr(at + k.op.size()));
    if (!figure_path_ok(k.figure))
      c_.fail("constraint", "\"" + k.figure + "\" is not a dotted summary.json path");
    char* end = nullptr;
    k.value = std::strtod(num.c_str(), &end);
    if (num.empty() || *end != '\0' || !std::isfinite(k.value))
      c_.fail("constraint", "\"" + num + "\" is not a number");
    auto& figures = s_.figures_;
    if (std::find(figures.begin(), figures.end(), k.figure) == figures.end())
      figures.insert(figures.begin(), k.figure);
    s_.constraint_ = k;
  }

  std::vector<std::string> parameter_paths() const {
    std::vector<std::string> names;
    for (const auto& p : s_.parameters_) names.push_back(p.path);
    return names;
  }

  void read_objective() {
    const std::vector<std::string> names = parameter_paths();
    if (!root_.contains("objective")) {
      s_.minimize_ = names.front();
    } else {
      const Json& v = root_["objective"];
      if (!v.is_object() || v.size() != 1 || !(v.contains("minimize") || v.contains("cost")))
        c_.fail("objective", "{\"minimize\": PARAMETER} or {\"cost\": EXPRESSION}");
      if (v.contains("minimize"))
        read_minimize(v["minimize"], names);
      else
        read_cost(v["cost"], names);
    }
  }

  void read_minimize(const Json& v, const std::vector<std::string>& names) {
    if (!v.is_string()) c_.fail("objective.minimize", "a parameter's path");
    const std::string m = v.get<std::string>();
    std::vector<std::string> hits;
    for (const auto& n : names)
      if (n == m || (n.size() > m.size() && n.ends_with("." + m))) hits.push_back(n);
    if (hits.size() != 1)
      c_.fail("objective.minimize",
              "\"" + m + "\" is " + (hits.empty() ? "not a parameter" : "ambiguous"));
    s_.minimize_ = hits[0];
  }

  void read_cost(const Json& v, const std::vector<std::string>& names) {
    if (!v.is_string()) c_.fail("objective.cost", "an expression, e.g. \"cores * 0.1\"");
    const std::string text = v.get<std::string>();
    try {
      s_.cost_ = CostExpression::parse(text, names);
    } catch (const std::invalid_argument& e) {
      c_.fail("objective.cost", e.what());
    }
    for (const auto& p : s_.parameters_)
      if (text.find(p.path.substr(p.path.rfind('.') + 1)) != std::string::npos)
        for (const auto& x : p.values)
          if (!x.is_number())
            c_.fail("parameters." + p.path, "a parameter in a cost expression needs numbers");
  }

  void read_search() {
    if (!root_.contains("search")) return;
    const Json& v = root_["search"];
    if (v.is_boolean()) {
      s_.search_ = v.get<bool>();
    } else if (v.is_object()) {
      c_.only_keys(v, "search", {"batch"});
      s_.search_ = true;
      if (v.contains("batch")) {
        if (!v["batch"].is_number_integer() || v["batch"].get<std::int64_t>() < 1 ||
            v["batch"].get<std::int64_t>() > 1024)
          c_.fail("search.batch", "an integer from 1 to 1024");
        s_.batch_ = v["batch"].get<std::size_t>();
      }
    } else {
      c_.fail("search", "true, false or {\"batch\": N}");
    }
    if (s_.search_ && !s_.constraint_) c_.fail("search", "a search needs a \"constraint\"");
  }

  // Every parameter path and value must be valid for the base scenario.
  void check_values_against_base() const {
    for (std::size_t pi = 0; pi < s_.parameters_.size(); ++pi)
      for (std::size_t vi = 0; vi < s_.parameters_[pi].values.size(); ++vi)
        check_value_against_base(pi, vi);
  }

  void check_value_against_base(std::size_t pi, std::size_t vi) const {
    const auto& p = s_.parameters_[pi];
    std::vector<std::size_t> coord(s_.parameters_.size(), 0);
    coord[pi] = vi;
    try {
      scenario::load_scenario(s_.base_path_, s_.set_arguments(s_.index_of(coord)));
    } catch (const InputError& e) {
      const std::string where = root_["parameters"][p.path].is_array()
                                    ? "parameters." + p.path + "[" + std::to_string(vi) + "]"
                                    : "parameters." + p.path;
      std::string msg = e.diagnostics().empty() ? e.what() : e.diagnostics().front().message;
      if (!e.diagnostics().empty() && !e.diagnostics().front().path.empty())
        msg = e.diagnostics().front().path + ": " + msg;
      c_.fail(where,
              "value " + p.values[vi].dump() + " is not valid for " + s_.base_path_ + ": " + msg);
    }
  }

  const Checker c_;
  const Json& root_;
  const std::string file_;
  SweepSpec s_;
};

SweepSpec SweepSpec::load(const std::string& file) {
  const JsoncDocument doc = JsoncDocument::load(file);
  return SweepSpecReader(doc, file).read();
}

}  // namespace fleetsim::cli
