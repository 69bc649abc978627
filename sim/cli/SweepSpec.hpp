// SweepSpec: a sweep file (docs/sweeps.md), parsed and checked.
//
// Models: a base scenario, fixed overrides, parameters (dotted scenario paths, each with an
// ordered list of values), seeds per point, figures to collect (dotted summary.json paths),
// an optional constraint on one figure, the objective that orders points from cheapest
// ("minimize" one parameter, or a cost expression), and whether to search or run the
// full grid. Points are the Cartesian product of the parameters in file order, the last
// parameter varying fastest; a point's index in that order is its identity (id "p0007").
// Invariants: every parameter has >= 1 value; numeric values of a parameter are strictly
// ascending (the order the monotone assumption refers to); seeds are distinct. Any problem is
// an InputError at the offending value's line:column.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/CostExpression.hpp"

namespace fleetsim::cli {

class SweepSpec {
 public:
  using Json = nlohmann::ordered_json;

  struct Parameter {
    std::string path;
    std::vector<Json> values;
  };
  struct Constraint {
    std::string text;    // as written
    std::string figure;  // dotted summary.json path
    std::string op;      // <= < >= > ==
    double value = 0;
    bool holds(double x) const;
  };

  // Reads and checks FILE (JSONC). Throws scenario::InputError.
  static SweepSpec load(const std::string& file);
  // Rebuilds a spec from sweep.json's "spec" member (merge); base_path as recorded.
  static SweepSpec from_json(const Json& spec, const std::string& file,
                             const std::string& base_path);

  const std::string& file() const { return file_; }
  const std::string& name() const { return name_; }
  const std::string& base_path() const { return base_path_; }  // usable from the cwd
  const Json& source() const { return source_; }               // the file's content
  const std::vector<std::pair<std::string, Json>>& sets() const { return sets_; }
  const std::vector<Parameter>& parameters() const { return parameters_; }
  const std::vector<std::uint64_t>& seeds() const { return seeds_; }
  // Figures to collect, the constraint's figure included.
  const std::vector<std::string>& figures() const { return figures_; }
  const std::optional<Constraint>& constraint() const { return constraint_; }
  bool search() const { return search_; }
  std::size_t batch() const { return batch_; }
  // "minimize" parameter path, or empty when the objective is a cost expression.
  const std::string& minimize() const { return minimize_; }
  const std::optional<CostExpression>& cost() const { return cost_; }

  std::size_t point_count() const;
  // Value index of each parameter at point `index`.
  std::vector<std::size_t> coordinates(std::size_t index) const;
  std::size_t index_of(const std::vector<std::size_t>& coordinates) const;
  static std::string point_id(std::size_t index);
  // The --set arguments of a point (fixed sets first, then the parameters).
  std::vector<std::string> set_arguments(std::size_t index) const;
  // parameter path -> value at the point (as JSON).
  Json point_parameters(std::size_t index) const;
  // The objective's cost of a point: the cost expression, or the minimized parameter's value
  // (its position in the list when the values are not all numbers: listed from cheapest).
  std::optional<double> point_cost(std::size_t index) const;
  // Points from cheapest to dearest: by cost (or minimized parameter's value index), then
  // by the other parameters' value indices in file order, then by index.
  std::vector<std::size_t> cheapest_first() const;
  // True when every parameter of a is <= that of b (value indices): by the monotone
  // assumption, a constraint that fails at b fails at a.
  bool below_or_equal(std::size_t a, std::size_t b) const;
  // "the smallest ... is P" sentence pieces: "cores = 4, workers = 3".
  std::string describe(std::size_t index) const;

 private:
  friend class SweepSpecReader;  // SweepSpecReader.cpp: load()'s parser

  std::string file_, name_, base_path_;
  Json source_;
  std::vector<std::pair<std::string, Json>> sets_;
  std::vector<Parameter> parameters_;
  std::vector<std::uint64_t> seeds_;
  std::vector<std::string> figures_;
  std::optional<Constraint> constraint_;
  bool search_ = false;
  std::size_t batch_ = 2;
  std::string minimize_;
  std::optional<CostExpression> cost_;
};

}  // namespace fleetsim::cli
