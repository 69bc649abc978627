#include "cli/SweepSpec.hpp"

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace fleetsim::cli {

namespace fs = std::filesystem;
using Json = SweepSpec::Json;

bool SweepSpec::Constraint::holds(double x) const {
  if (op == "<=") return x <= value;
  if (op == "<") return x < value;
  if (op == ">=") return x >= value;
  if (op == ">") return x > value;
  return x == value;
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
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    if (parameters_[i].path != minimize_) continue;
    const auto& values = parameters_[i].values;
    const bool numbers =
        std::all_of(values.begin(), values.end(), [](const Json& v) { return v.is_number(); });
    return numbers ? values[c[i]].get<double>() : static_cast<double>(c[i]);
  }
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
