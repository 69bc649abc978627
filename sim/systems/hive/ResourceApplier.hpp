// ResourceApplier: how Hive applies one resource of a syncset to a spoke cluster.
//
// Models: client-side apply (July 2020): write a temp file (disk I/O on the hub host),
// run kubectl apply in-process (CPU: OpenAPI parse, 3-way merge), GET the live object,
// POST it if missing, PATCH only if it changed (the scale test re-applied identical
// objects, so no PATCH once the object exists). Server-side apply: build the patch (CPU),
// one apply PATCH. Every apply is recorded in the World's ApplyStats, from its first step
// to its last answer. Spoke requests go through the reconcile's own (fresh) client.
#pragma once

#include <cstdint>

#include "engine/RandomStream.hpp"
#include "engine/Task.hpp"
#include "k8s/RestClient.hpp"
#include "platform/Host.hpp"
#include "systems/World.hpp"
#include "systems/hive/HiveConfig.hpp"
#include "systems/hive/HiveMetrics.hpp"

namespace fleetsim::systems::hive {

class ResourceApplier {
 public:
  ResourceApplier(World& world, const HiveConfig& config, platform::Host& host,
                  HiveMetrics& metrics);

  // Applies resource `object` (configmap id) to `cluster`'s spoke; true on success.
  engine::Task<bool> apply(k8s::RestClient& remote, std::uint32_t cluster, std::uint32_t object,
                           engine::RandomStream& rng);

 private:
  World& world_;
  const HiveConfig& config_;
  platform::Host& host_;
  HiveMetrics& metrics_;
  k8s::KindId configmaps_;
};

}  // namespace fleetsim::systems::hive
