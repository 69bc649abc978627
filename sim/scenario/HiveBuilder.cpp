#include "scenario/HiveBuilder.hpp"

#include "scenario/ClusterConfigs.hpp"

namespace fleetsim::scenario {

namespace hive = systems::hive;

namespace {

hive::HiveCosts costs(const Json& k) {
  return {distribution_value(k["client_build"]),      distribution_value(k["resource_info"]),
          distribution_value(k["csa_apply"]),         distribution_value(k["csa_temp_file"]),
          distribution_value(k["ssa_apply"]),         distribution_value(k["status"]),
          distribution_value(k["syncset_reconcile"]), distribution_value(k["ssi_create"])};
}

void restart_history(const Json& fresh, hive::HiveConfig& h, const ErrorSink& error) {
  h.up_to_date_fraction = fresh["fraction"].get<double>();
  h.up_to_date_over = duration_value(fresh["over"]);
  if (h.up_to_date_fraction > 0 && !h.restart)
    error("hive.restart_up_to_date.fraction", "needs hive.start = restart");
  if (h.up_to_date_over > h.reapply_interval)
    error("hive.restart_up_to_date.over",
          "longer than hive.reapply_interval: those SyncSetInstances would be due, not up "
          "to date");
}

}  // namespace

hive::HiveConfig hive_config(const Json& j, const ErrorSink& error) {
  hive::HiveConfig h;
  h.syncsets = j["selector_syncsets"].get<std::uint32_t>();
  h.resources = j["resources_per_syncset"].get<std::uint32_t>();
  h.server_side = j["apply_mode"] == "server-side";
  h.reapply_interval = duration_value(j["reapply_interval"]);
  h.reapply_jitter = duration_value(j["reapply_jitter"]);
  h.lease_jitter_fraction = j["lease_jitter_fraction"].get<double>();
  h.restart = j["start"] == "restart";
  restart_history(j["restart_up_to_date"], h, error);
  for (const auto& [k, v] : j["selector"].items()) h.selector.emplace_back(k, v.get<std::string>());
  h.costs = costs(j["costs"]);
  return h;
}

hive::HiveControllerConfig hive_controller_config(const std::string& name, const Json& c,
                                                  const systems::World& world,
                                                  const ErrorSink& error) {
  const std::string path = "controllers." + name;
  hive::HiveControllerConfig h;
  h.name = name;
  h.workers = c["workers"].get<int>();
  h.host = c["host"].get<std::string>();
  h.client = client_config(c["client"]);
  h.remote_client = client_config(c["remote_client"]);
  h.rate_limiter = rate_limiter_config(c["rate_limiter"]);
  if (c.contains("replicas")) h.replicas = c["replicas"].get<int>();
  if (h.host.empty())
    error(path + ".host", "a Hive controller needs the host its pod runs on");
  else if (!world.hosts().count(h.host))
    error(path + ".host", "no host \"" + h.host + "\" in platform.hosts");
  return h;
}

}  // namespace fleetsim::scenario
