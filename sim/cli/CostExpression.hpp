// CostExpression: the price of a sweep point, e.g. "cores * 0.1 + workers * 0.001".
//
// Models: an arithmetic expression over numbers and parameter names with + - * / and
// parentheses (usual precedence, unary minus). A name is a parameter's dotted path or its
// last segment when that is unique among the sweep's parameters; names may contain '-' and
// '.', so a subtraction needs spaces ("cores - 1"). Invariants: parse() either returns an
// expression whose every name is a known parameter or throws std::invalid_argument with the
// byte offset of the problem.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fleetsim::cli {

class CostExpression {
 public:
  // `parameters`: the dotted paths a name may refer to.
  static CostExpression parse(const std::string& text, const std::vector<std::string>& parameters);
  // Value at a point (parameter path -> numeric value).
  double evaluate(const std::map<std::string, double>& values) const;
  const std::string& text() const { return text_; }

  struct Node;

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace fleetsim::cli
