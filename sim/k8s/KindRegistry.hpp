// KindRegistry: the resource kinds of a simulated world, as small dense ids.
//
// Models: API resources by their plural name ("configmaps", "syncsetinstances"), so that
// requests and metrics carry a 16-bit id rather than a string. Invariant: ids are dense
// from 0 in registration order; a name always maps to the same id.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "k8s/ApiRequest.hpp"

namespace fleetsim::k8s {

class KindRegistry {
 public:
  KindId id(std::string_view name) {
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return static_cast<KindId>(i);
    names_.emplace_back(name);
    return static_cast<KindId>(names_.size() - 1);
  }
  const std::string& name(KindId id) const { return names_.at(id); }
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
};

}  // namespace fleetsim::k8s
