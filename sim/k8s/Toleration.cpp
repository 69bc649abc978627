#include "k8s/Toleration.hpp"

#include <algorithm>

namespace fleetsim::k8s {

bool tolerates(const Toleration& t, const platform::Taint& taint) {
  if (!t.effect.empty() && t.effect != taint.effect) return false;
  if (!t.key.empty() && t.key != taint.key) return false;
  if (t.op == "Exists") return true;
  if (t.op == "Equal" || t.op.empty()) return t.value == taint.value;
  return false;
}

bool tolerates_node(const std::vector<Toleration>& tolerations,
                    const std::vector<platform::Taint>& taints) {
  return std::all_of(taints.begin(), taints.end(), [&](const platform::Taint& taint) {
    if (taint.effect != "NoSchedule" && taint.effect != "NoExecute") return true;
    return std::any_of(tolerations.begin(), tolerations.end(),
                       [&](const Toleration& t) { return tolerates(t, taint); });
  });
}

}  // namespace fleetsim::k8s
