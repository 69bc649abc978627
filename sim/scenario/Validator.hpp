// Validator: checks a scenario against the schema and fills in defaults.
//
// Models: strict input: unknown keys, wrong types and out-of-range values are errors that
// name file:line:col and the dotted path; every problem of a document is collected (not
// just the first). The result is the resolved scenario: the input with every default
// written in. Invariant: when diagnostics() is empty the resolved value satisfies the
// schema completely.
#pragma once

#include <string>
#include <vector>

#include "scenario/InputError.hpp"
#include "scenario/JsonValues.hpp"
#include "scenario/Locator.hpp"
#include "scenario/SchemaNode.hpp"

namespace fleetsim::scenario {

class Validator {
 public:
  explicit Validator(const Locator& locator) : loc_(locator) {}

  // Returns the value with defaults filled in (best effort when there are errors).
  Json resolve(const Json& value, const SchemaNode& schema, const std::string& path);
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  void error(const std::string& path, const std::string& message, bool at_key = false);

 private:
  Json object(const Json& v, const SchemaNode& s, const std::string& path);
  Json map(const Json& v, const SchemaNode& s, const std::string& path);
  Json array(const Json& v, const SchemaNode& s, const std::string& path);
  Json one_of(const Json& v, const SchemaNode& s, const std::string& path);
  void scalar(const Json& v, const SchemaNode& s, const std::string& path);
  void range(double x, const SchemaNode& s, const std::string& path);
  void unknown_key(const std::string& key, const std::vector<std::string>& known,
                   const std::string& path);

  const Locator& loc_;
  std::vector<Diagnostic> diags_;
};

std::string join_path(const std::string& parent, const std::string& key);
// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(const std::string& a, const std::string& b);

}  // namespace fleetsim::scenario
