#include "scenario/Builder.hpp"

#include <filesystem>
#include <set>

#include "scenario/ClusterConfigs.hpp"
#include "scenario/HiveBuilder.hpp"
#include "scenario/HowsoBuilder.hpp"
#include "scenario/InputError.hpp"
#include "scenario/SourceBuilder.hpp"
#include "scenario/Validator.hpp"
#include "systems/StepsController.hpp"
#include "systems/hive/ClusterSyncSystem.hpp"
#include "systems/hive/SyncSetInstanceSystem.hpp"
#include "systems/howso/ClusterPodLauncher.hpp"
#include "systems/howso/HowsoSystem.hpp"
#include "systems/serving/ServingSystem.hpp"
#include "systems/training/TrainingSystem.hpp"
#include "systems/workloads/WorkloadsSystem.hpp"

namespace fleetsim::scenario {

namespace {

const char* const kVerbKeys[k8s::kVerbCount] = {"GET", "LIST", "POST", "PUT", "PATCH", "DELETE"};

k8s::Verb verb_of(const std::string& v) {
  if (v == "APPLY") return k8s::Verb::kPatch;
  for (int i = 0; i < k8s::kVerbCount; ++i)
    if (v == kVerbKeys[i]) return static_cast<k8s::Verb>(i);
  return k8s::Verb::kGet;
}

k8s::ApiServerConfig api_server_config(const std::string& name, const Json& j) {
  k8s::ApiServerConfig c;
  c.name = name;
  c.seats = j["seats"].get<int>();
  c.max_queue_wait = duration_value(j["max_queue_wait"]);
  c.retry_after_min = duration_value(j["retry_after_min"]);
  c.retry_after_max = duration_value(j["retry_after_max"]);
  const Json& lat = j["latency"];
  const auto def = distribution_value(lat["default"]);
  for (int i = 0; i < k8s::kVerbCount; ++i)
    c.latency[i] = lat.contains(kVerbKeys[i]) ? distribution_value(lat[kVerbKeys[i]]) : def;
  c.load_curve = points_value(lat["load_curve"]);
  return c;
}

class Build {
 public:
  Build(const Scenario& sc, systems::World& w) : sc_(sc), w_(w), root_(sc.resolved) {}

  void run() {
    hosts();
    api_servers();
    fleet();
    services();
    for (const auto& [name, c] : root_["controllers"].items()) {
      if (c["type"] == "steps")
        controller(name, c);
      else
        hive_controllers_[c["type"].get<std::string>()].push_back(name);
    }
    hive();
    for (const auto& [name, v] : root_["serving"].items()) serving(name, v);
    cluster();
    for (const auto& [name, v] : root_["training"].items()) training(name, v);
    workloads();
    for (const auto& [name, v] : root_["howso"].items()) howso(name, v);
    if (!diags_.empty()) throw InputError(diags_);
  }

 private:
  void error(const std::string& path, const std::string& msg) {
    diags_.push_back({sc_.locator->value(path), path, msg});
  }

  void hosts() {
    for (const auto& [name, h] : root_["platform"]["hosts"].items())
      w_.add_host(platform::HostConfig{
          name, h["cores"].get<int>(), h["speed"].get<double>(), memory_value(h["memory"]),
          h["disk_channels"].get<int>(), h["background"]["cores"].get<double>(),
          duration_value(h["background"]["burst"]), h["background"]["pod_cores"].get<double>()});
  }

  void api_servers() {
    for (const auto& [name, s] : root_["api_servers"].items())
      w_.add_api_server(api_server_config(name, s), duration_value(s["watch_delay"]));
  }

  void fleet() {
    const Json& f = root_["fleet"];
    systems::FleetConfig c;
    c.clusters = f["clusters"].get<std::uint32_t>();
    if (c.clusters == 0) return;
    c.streams = f["adoption"]["streams"].get<int>();
    c.interval = duration_value(f["adoption"]["interval"]);
    c.start = duration_value(f["adoption"]["start"]);
    c.existing = f["adoption"]["existing"].get<bool>();
    c.spokes = f["spokes"].get<std::uint32_t>();
    c.spoke = api_server_config("spoke", f["spoke"]);
    c.unreachable_fraction = f["unreachable_fraction"].get<double>();
    for (const auto& [key, values] : f["labels"].items()) {
      auto& entry = c.labels.emplace_back(key, std::vector<std::pair<std::string, double>>{});
      for (const auto& [v, weight] : values.items())
        entry.second.emplace_back(v, weight.get<double>());
      if (entry.second.empty()) error("fleet.labels." + key, "a label needs at least one value");
    }
    c.kind = f["kind"].get<std::string>();
    c.hub = f["hub"].get<std::string>();
    if (!w_.has_api_server(c.hub))
      return error("fleet.hub", "no API server \"" + c.hub + "\" in api_servers");
    w_.set_fleet(c);
  }

  std::vector<systems::Step> steps(const Json& arr, const std::string& path, bool& uses_cpu) {
    std::vector<systems::Step> out;
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const std::string p = path + index_suffix(i);
      const auto it = arr[i].begin();
      const std::string kind = it.key();
      const Json& v = it.value();
      systems::Step s;
      if (kind == "cpu" || kind == "delay") {
        s.type = kind == "cpu" ? systems::Step::Type::kCpu : systems::Step::Type::kDelay;
        s.dist = distribution_value(v);
        uses_cpu |= kind == "cpu";
      } else if (kind == "call") {
        s.type = systems::Step::Type::kCall;
        s.server = v["server"].get<std::string>();
        s.verb = verb_of(v["verb"].get<std::string>());
        s.server_side_apply = v["verb"] == "APPLY";
        s.kind = v["kind"].get<std::string>();
        s.changes = v["changes"].get<bool>();
        if (s.server == "spoke" && !w_.fleet())
          error(p + ".call.server", "calls to \"spoke\" need a fleet with clusters > 0");
        else if (s.server != "spoke" && !w_.has_api_server(s.server))
          error(p + ".call.server", "no API server \"" + s.server + "\" in api_servers");
      } else {
        s.type = kind == "apply" ? systems::Step::Type::kApply : systems::Step::Type::kRepeat;
        s.repeat = (kind == "apply" ? v["repeat"] : v["count"]).get<int>();
        s.steps = steps(v["steps"], p + "." + kind + ".steps", uses_cpu);
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  void controller(const std::string& name, const Json& c) {
    const std::string path = "controllers." + name;
    systems::StepsControllerConfig cfg;
    cfg.name = name;
    cfg.workers = c["workers"].get<int>();
    cfg.host = c["host"].get<std::string>();
    cfg.client = client_config(c["client"]);
    cfg.remote_client = client_config(c["remote_client"]);
    cfg.rate_limiter = rate_limiter_config(c["rate_limiter"]);
    bool uses_cpu = false;
    cfg.reconcile = steps(c["reconcile"], path + ".reconcile", uses_cpu);
    if (!cfg.host.empty() && !w_.hosts().count(cfg.host))
      error(path + ".host", "no host \"" + cfg.host + "\" in platform.hosts");
    else if (cfg.host.empty() && uses_cpu)
      error(path + ".host", "the reconcile has cpu steps, so the controller needs a host");
    for (const auto& k : c["watches"]) cfg.watches.push_back(k.get<std::string>());
    if (!cfg.watches.empty() && !w_.has_api_server("hub"))
      error(path + ".watches", "watching needs an API server named \"hub\"");
    if (c.contains("source")) {
      const Json& s = c["source"];
      cfg.source =
          systems::SourceConfig{s["kind"].get<std::string>(), s["rate_per_s"].get<double>(),
                                s["count"].get<std::uint64_t>(), duration_value(s["start"])};
    }
    if (c.contains("requeue_after")) cfg.requeue_after = distribution_value(c["requeue_after"]);
    cfg.keys = c["keys"].get<std::uint32_t>();
    if (cfg.keys == 0 && cfg.source) cfg.keys = static_cast<std::uint32_t>(cfg.source->count);
    if (cfg.keys == 0 && w_.fleet())
      for (const auto& k : cfg.watches)
        if (k == w_.fleet()->config().kind) cfg.keys = w_.fleet()->clusters();
    if (!diags_.empty()) return;
    w_.add_system(std::make_unique<systems::StepsController>(w_, std::move(cfg)));
  }

  systems::hive::HiveControllerConfig hive_controller(const std::string& name) {
    return hive_controller_config(name, root_["controllers"][name], w_, sink());
  }

  ErrorSink sink() {
    return [this](const std::string& path, const std::string& msg) { error(path, msg); };
  }

  // The Hive systems: syncset + syncsetinstance (2020), and/or clustersync.
  void hive() {
    auto& hc = hive_controllers_;
    if (hc.empty()) return;
    for (const auto& [type, names] : hc)
      if (names.size() > 1)
        error("controllers." + names[1] + ".type", "only one controller of type " + type);
    if (!w_.fleet()) return error("fleet.clusters", "Hive controllers need a fleet of clusters");
    const bool ssi_era = hc.count("hive-syncset") || hc.count("hive-syncsetinstance");
    if (ssi_era && !(hc.count("hive-syncset") && hc.count("hive-syncsetinstance"))) {
      const auto& have = hc.count("hive-syncset") ? hc["hive-syncset"] : hc["hive-syncsetinstance"];
      return error("controllers." + have[0] + ".type",
                   "the SyncSetInstance era needs both a hive-syncset and a "
                   "hive-syncsetinstance controller");
    }
    auto cfg = hive_config(root_["hive"], sink());
    if (ssi_era) {
      auto ss = hive_controller(hc["hive-syncset"][0]);
      auto ssi = hive_controller(hc["hive-syncsetinstance"][0]);
      if (diags_.empty())
        w_.add_system(std::make_unique<systems::hive::SyncSetInstanceSystem>(w_, cfg, ss, ssi));
    }
    if (!ssi_era && cfg.up_to_date_fraction > 0)
      error("hive.restart_up_to_date.fraction", "only the SyncSetInstance era models it");
    if (hc.count("hive-clustersync")) {
      auto cs = hive_controller(hc["hive-clustersync"][0]);
      if (diags_.empty())
        w_.add_system(std::make_unique<systems::hive::ClusterSyncSystem>(w_, cfg, cs));
    }
  }

  systems::serving::SourceSpec source(const Json& s, const std::string& path) {
    return source_spec(s, path, std::filesystem::path(sc_.file).parent_path(), sink());
  }

  void services() {
    for (const auto& [name, s] : root_["services"].items())
      w_.add_service({name, s["kind"].get<std::string>(), s["slots"].get<int>(),
                      distribution_value(s["service_time"]), s["queue_limit"].get<int>(),
                      s["max_ops_per_s"].get<double>(), s["bandwidth"].get<double>()});
  }

  // A Howso platform: its operator and trainees on the cluster (node pools, scheduler).
  void howso(const std::string& name, const Json& j) {
    const std::size_t before = diags_.size();
    auto cfg = howso_config(
        name, j, w_, [this](const Json& s, const std::string& p) { return source(s, p); }, sink());
    if (!w_.cluster())
      error("howso." + name,
            "a Howso platform runs its pods on a cluster: it needs "
            "platform.node_pools");
    // Trainees and their StatefulSets are objects of the hub: one platform per API server.
    if (!howso_hubs_.insert(cfg.hub).second)
      error("howso." + name + ".hub", "another Howso platform already uses API server \"" +
                                          cfg.hub + "\" (one platform per hub)");
    if (diags_.size() != before) return;
    // kube-controller-manager's statefulset controller for this platform's workloads.
    const Json& cm = root_["cluster"]["controller_manager"];
    auto& kcm = w_.add_controller(name + "-statefulset-controller",
                                  cm["concurrent_statefulset_syncs"].get<int>(),
                                  k8s::RateLimiterConfig{}.make());
    auto launcher = std::make_unique<systems::howso::ClusterPodLauncher>(
        kcm, *w_.cluster(), client_config(cm["client"]), pod_spec(j["trainee"]["pod"]),
        pod_spec(j["core_service"]["pod"]));
    w_.add_system(
        std::make_unique<systems::howso::HowsoSystem>(w_, std::move(cfg), std::move(launcher)));
  }

  void serving(const std::string& name, const Json& j) {
    namespace sv = systems::serving;
    const std::string path = "serving." + name;
    const std::size_t before = diags_.size();
    sv::ServingConfig c;
    c.name = name;
    c.source = source(j["source"], path + ".source");
    const std::string policy = j["policy"].get<std::string>();
    c.policy = policy == "random"              ? sv::Policy::kRandom
               : policy == "least-connections" ? sv::Policy::kLeastConnections
               : policy == "queue"             ? sv::Policy::kQueue
                                               : sv::Policy::kRoundRobin;
    const Json& r = j["replicas"];
    c.replicas = r["count"].get<int>();
    for (std::size_t i = 0; i < r["hosts"].size(); ++i) {
      const std::string h = r["hosts"][i].get<std::string>();
      if (!w_.hosts().count(h))
        error(path + ".replicas.hosts" + index_suffix(i),
              "no host \"" + h + "\" in platform.hosts");
      c.hosts.push_back(h);
    }
    if (w_.hosts().empty()) error(path + ".replicas", "replicas need hosts (platform.hosts)");
    c.replica.cpu_request = cpu_value(r["cpu_request"]);
    c.replica.cpu_limit = cpu_value(r["cpu_limit"]);
    c.replica.workers = r["workers"].get<int>();
    c.replica.startup_delay = duration_value(r["startup_delay"]);
    c.replica.work = distribution_value(j["request"]["work"]);
    c.replica.gil = j["request"]["gil"].get<bool>();
    const Json& b = j["batching"];
    c.replica.max_batch_size = b["max_batch_size"].get<int>();
    c.replica.max_wait = duration_value(b["max_wait"]);
    c.replica.batch_fixed_work = distribution_value(b["fixed_work"]);
    c.replica.batch_per_item_work = distribution_value(b["per_item_work"]);
    const Json& a = j["autoscaler"];
    c.autoscale = a["enabled"].get<bool>();
    c.hpa = {a["min_replicas"].get<int>(),
             a["max_replicas"].get<int>(),
             a["target_cpu_utilization"].get<double>(),
             duration_value(a["sync_period"]),
             a["tolerance"].get<double>(),
             duration_value(a["scale_down_stabilization"])};
    if (c.autoscale && c.hpa.min_replicas > c.hpa.max_replicas)
      error(path + ".autoscaler.min_replicas", "min_replicas is above max_replicas");
    else if (c.autoscale && (c.replicas < c.hpa.min_replicas || c.replicas > c.hpa.max_replicas))
      error(path + ".replicas.count",
            "the initial count must be within the autoscaler's "
            "[min_replicas, max_replicas]");
    const Json& t = j["targets"];
    c.target_p50 = duration_value(t["p50"]);
    c.target_p99 = duration_value(t["p99"]);
    c.target_window = duration_value(t["window"]);
    if (diags_.size() != before) return;
    w_.add_system(std::make_unique<systems::serving::ServingSystem>(w_, std::move(c)));
  }

  void node_pools() {
    for (const auto& [name, j] : root_["platform"]["node_pools"].items()) {
      const std::string path = "platform.node_pools." + name;
      auto c = node_pool_config(name, j);
      if (c.min_size > c.max_size) error(path + ".min_size", "min_size is above max_size");
      if (c.initial < c.min_size || c.initial > c.max_size)
        error(path + ".initial", "initial must be within [min_size, max_size]");
      w_.add_node_pool(std::move(c));
    }
  }

  void cluster() {
    node_pools();
    const bool needed = !root_["training"].empty() || !root_["workloads"].empty();
    if (w_.node_pools().empty()) {
      if (needed) error("platform.node_pools", "training workflows and workloads need node pools");
      return;
    }
    const Json& j = root_["cluster"];
    const std::string api = j["api_server"].get<std::string>();
    if (!w_.has_api_server(api))
      return error("cluster.api_server", "no API server \"" + api + "\" in api_servers");
    w_.set_cluster(cluster_config(j), api);
    if (j["autoscaler"]["enabled"].get<bool>())
      w_.set_cluster_autoscaler(autoscaler_config(j["autoscaler"]));
  }

  void training(const std::string& name, const Json& j) {
    const std::string path = "training." + name;
    const std::size_t before = diags_.size();
    systems::training::TrainingConfig c;
    c.name = name;
    c.source = source(j["source"], path + ".source");
    c.steps = j["steps"].get<int>();
    c.parallelism = j["parallelism"].get<int>();
    c.pod = pod_spec(j["pod"]);
    if (!c.pod.run_time && !c.pod.cpu_work)
      error(path + ".pod.run_time", "a training step needs a run_time or a cpu_work");
    if (c.pod.run_time && c.pod.cpu_work)
      error(path + ".pod.cpu_work", "a pod has a run_time or a cpu_work, not both");
    c.workers = j["controller"]["workers"].get<int>();
    c.client = client_config(j["controller"]["client"]);
    if (diags_.size() != before || !w_.cluster()) return;
    w_.add_system(std::make_unique<systems::training::TrainingSystem>(w_, std::move(c)));
  }

  void workloads() {
    if (root_["workloads"].empty() || !w_.cluster()) return;
    w_.add_system(
        std::make_unique<systems::workloads::WorkloadsSystem>(w_, workloads_config(root_)));
  }

  const Scenario& sc_;
  std::map<std::string, std::vector<std::string>> hive_controllers_;
  systems::World& w_;
  Json root_;
  std::vector<Diagnostic> diags_;
  std::set<std::string> howso_hubs_;
};

}  // namespace

RunSettings run_settings(const Scenario& sc) {
  const Json& r = sc.resolved;
  RunSettings s;
  s.stop_when = r["stop"]["when"].get<std::string>();
  s.horizon = duration_value(r["stop"]["horizon"]);
  s.check_interval = duration_value(r["stop"]["check_interval"]);
  s.sample_interval = duration_value(r["output"]["sample_interval"]);
  s.seed = r["seed"].get<std::uint64_t>();
  return s;
}

void build_world(const Scenario& sc, systems::World& world) {
  Build(sc, world).run();
}

}  // namespace fleetsim::scenario
