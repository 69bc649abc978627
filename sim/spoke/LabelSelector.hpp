// LabelSelector: the string form of a Kubernetes label selector (labelSelector= on list).
//
// Models: k8s.io/apimachinery/pkg/labels.Parse: comma-separated requirements, all of which
// must hold: `key=value`, `key==value`, `key!=value` (true when the label is absent),
// `key in (a,b)`, `key notin (a,b)` (true when absent), `key` (exists), `!key` (absent).
// Empty selector matches everything. Whitespace around tokens is ignored.
// Invariants: parse() throws std::invalid_argument with a message naming the requirement
// on bad syntax (the API answers 400 BadRequest); matches() never throws.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fleetsim::spoke {

class LabelSelector {
 public:
  enum class Op { kEquals, kNotEquals, kIn, kNotIn, kExists, kDoesNotExist };
  struct Requirement {
    std::string key;
    Op op = Op::kExists;
    std::set<std::string> values;
  };

  static LabelSelector parse(const std::string& text);
  // metadata.labels of an object (non-string values are skipped).
  static std::map<std::string, std::string> labels_of(const nlohmann::ordered_json& object);
  bool matches(const std::map<std::string, std::string>& labels) const;
  const std::vector<Requirement>& requirements() const { return reqs_; }

 private:
  std::vector<Requirement> reqs_;
};

}  // namespace fleetsim::spoke
