// NodeShape: what every node of a node pool looks like (the instance type and its metadata).
//
// Models: a node's allocatable resources (cores, memory, extended resources such as
// `nvidia.com/gpu`), its core speed relative to the reference core, its labels and its
// taints (key, value, effect NoSchedule | PreferNoSchedule | NoExecute).
// Units: cores, bytes, devices. Invariants: cores >= 1, speed > 0 (checked by the schema).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "platform/Resources.hpp"

namespace fleetsim::platform {

struct Taint {
  std::string key;
  std::string value;
  std::string effect;  // NoSchedule | PreferNoSchedule | NoExecute
};

struct NodeShape {
  int cores = 1;
  double speed = 1.0;
  double memory = 0;                       // bytes
  std::map<std::string, double> extended;  // e.g. {"nvidia.com/gpu", 8}
  std::map<std::string, std::string> labels;
  std::vector<Taint> taints;

  Resources allocatable() const { return Resources{static_cast<double>(cores), memory, extended}; }
};

}  // namespace fleetsim::platform
