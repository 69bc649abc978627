// Resources: a quantity of node resources (what a pod requests, what a node offers).
//
// Models: Kubernetes resource lists reduced to `cpu` (cores), `memory` (bytes) and
// extended resources by name (e.g. `nvidia.com/gpu`, counted as whole devices).
// Units: cores, bytes, devices. Invariant: a quantity never goes below zero through
// subtraction of what was added (small float residues are clamped to 0).
#pragma once

#include <algorithm>
#include <map>
#include <string>

namespace fleetsim::platform {

struct Resources {
  double cpu = 0;                          // cores
  double memory = 0;                       // bytes
  std::map<std::string, double> extended;  // name -> amount (devices)

  double get(const std::string& name) const {
    const auto it = extended.find(name);
    return it == extended.end() ? 0 : it->second;
  }
  // True when every quantity of *this is <= free's (NodeResourcesFit: request <= free).
  bool fits_in(const Resources& free) const {
    constexpr double eps = 1e-9;
    if (cpu > free.cpu + eps || memory > free.memory + eps * std::max(1.0, free.memory))
      return false;
    for (const auto& [name, v] : extended)
      if (v > 0 && v > free.get(name) + eps) return false;
    return true;
  }
  Resources& operator+=(const Resources& o) {
    cpu += o.cpu;
    memory += o.memory;
    for (const auto& [name, v] : o.extended) extended[name] += v;
    return *this;
  }
  Resources& operator-=(const Resources& o) {
    cpu = clamp(cpu - o.cpu);
    memory = clamp(memory - o.memory);
    for (const auto& [name, v] : o.extended) extended[name] = clamp(extended[name] - v);
    return *this;
  }
  friend Resources operator-(Resources a, const Resources& b) { return a -= b; }
  bool empty() const {
    if (cpu > 0 || memory > 0) return false;
    return std::all_of(extended.begin(), extended.end(),
                       [](const auto& e) { return e.second <= 0; });
  }

 private:
  static double clamp(double v) { return v < 1e-9 ? 0 : v; }
};

}  // namespace fleetsim::platform
