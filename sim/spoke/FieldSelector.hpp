// FieldSelector: the fieldSelector= of a list or watch.
//
// Models: the field selectors kube-apiserver supports for every resource: metadata.name and
// metadata.namespace, each with =, == or !=, comma-separated (all must hold). Empty matches
// everything. Invariants: parse() throws std::invalid_argument (answered 400) for another
// field or bad syntax; matches() never throws.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fleetsim::spoke {

struct FieldSelector {
  struct Term {
    std::string field, value;
    bool equal = true;
  };
  std::vector<Term> terms;

  static FieldSelector parse(const std::string& text);
  // `meta` is an object's metadata.
  bool matches(const nlohmann::ordered_json& meta) const;
};

}  // namespace fleetsim::spoke
