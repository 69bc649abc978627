// Locator: where a value of the resolved scenario came from (file, line, column).
//
// Models: a scenario is assembled from its file, model files inlined at a path
// (api_servers.hub.latency <- models/NAME.json) and --set overrides from the command line.
// Invariant: every path maps to some location (the nearest known ancestor at worst).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scenario/JsoncDocument.hpp"

namespace fleetsim::scenario {

class Locator {
 public:
  explicit Locator(std::shared_ptr<const JsoncDocument> main) : main_(std::move(main)) {}

  // Values under `prefix` come from `doc` (its root is the value at prefix).
  void mount(const std::string& prefix, std::shared_ptr<const JsoncDocument> doc);
  // Values that the main file does not have come from `doc` at the same path (an
  // environment model the scenario inherits from).
  void add_fallback(std::shared_ptr<const JsoncDocument> doc) {
    fallbacks_.push_back(std::move(doc));
  }
  // The value at `path` (and below) was given on the command line.
  void override_at(const std::string& path, Location where);

  Location value(const std::string& path) const { return find(path, false); }
  Location key(const std::string& path) const { return find(path, true); }

 private:
  Location find(const std::string& path, bool key) const;
  std::shared_ptr<const JsoncDocument> main_;
  std::vector<std::pair<std::string, std::shared_ptr<const JsoncDocument>>> mounts_;
  std::map<std::string, Location> overrides_;
  std::vector<std::shared_ptr<const JsoncDocument>> fallbacks_;
};

// True when `path` is `prefix` or lies below it ("a.b" is under "a", "a[1]" too).
bool path_under(const std::string& path, const std::string& prefix);

}  // namespace fleetsim::scenario
