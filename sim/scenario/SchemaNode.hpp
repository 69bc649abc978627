// SchemaNode: one key of the scenario format: its type, unit, default, range and doc.
//
// Models: WRENCH-style property tables: every tunable is declared once, here, with its
// documented default and unit; validation, defaults, --set and docs/scenario-format.md
// all read the same nodes. Invariants: an object's fields have unique names; a node with
// a default is never required.
#pragma once

#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace fleetsim::scenario {

struct SchemaNode;
using SchemaPtr = std::shared_ptr<const SchemaNode>;
using Fields = std::vector<std::pair<std::string, SchemaPtr>>;

struct SchemaNode {
  enum class Type {
    kObject,  // fixed fields
    kMap,     // user-named entries, each an `item`
    kArray,   // list of `item`
    kOneOf,   // object with exactly one of `fields`
    kInt,
    kNumber,
    kBool,
    kString,
    kEnum,          // one of `choices`
    kDuration,      // "250ms", "2h" (Go syntax) or a number of seconds
    kCpu,           // "500m", "4" or a number of cores
    kMemory,        // "512Mi", "4Gi" or a number of bytes
    kDistribution,  // see docs/scenario-format.md#distributions
    kPoints,        // [[x, y], ...] with x increasing
    kModelRef,      // a model name (models/NAME.json) or the model inline (`item`)
  };
  Type type = Type::kString;
  std::string doc;
  std::string unit;
  nlohmann::ordered_json def;  // default; null = none
  bool required = false;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;
  Fields fields;
  SchemaPtr item;
  // kMap: keys are Kubernetes qualified names ([prefix/]name, e.g. `nvidia.com/gpu`,
  // `node.kubernetes.io/instance-type`) rather than scenario names.
  bool qualified_keys = false;
  // kObject with variants: the value of field `discriminator` picks extra fields.
  std::string discriminator;
  std::map<std::string, Fields> variants;

  const SchemaNode* field(const std::string& name) const {
    for (const auto& [n, f] : fields)
      if (n == name) return f.get();
    return nullptr;
  }
  // The field named `name` in the common fields or in the variant `variant`.
  const SchemaNode* field(const std::string& name, const std::string& variant) const {
    if (auto* f = field(name)) return f;
    auto it = variants.find(variant);
    if (it == variants.end()) return nullptr;
    for (const auto& [n, f] : it->second)
      if (n == name) return f.get();
    return nullptr;
  }
};

}  // namespace fleetsim::scenario
