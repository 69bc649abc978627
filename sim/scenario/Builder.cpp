#include "scenario/Builder.hpp"

#include "scenario/InputError.hpp"
#include "scenario/Validator.hpp"
#include "systems/StepsController.hpp"

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

k8s::RestClientConfig client_config(const Json& j) {
  return k8s::RestClientConfig{j["qps"].get<double>(), j["burst"].get<int>(),
                               j["max_retries"].get<int>(), duration_value(j["timeout"])};
}

class Build {
 public:
  Build(const Scenario& sc, systems::World& w) : sc_(sc), w_(w), root_(sc.resolved) {}

  void run() {
    hosts();
    api_servers();
    fleet();
    for (const auto& [name, c] : root_["controllers"].items()) controller(name, c);
    if (!diags_.empty()) throw InputError(diags_);
  }

 private:
  void error(const std::string& path, const std::string& msg) {
    diags_.push_back({sc_.locator->value(path), path, msg});
  }

  void hosts() {
    for (const auto& [name, h] : root_["platform"]["hosts"].items())
      w_.add_host(platform::HostConfig{name, h["cores"].get<int>(), h["speed"].get<double>(),
                                       memory_value(h["memory"])});
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
    c.spokes = f["spokes"].get<std::uint32_t>();
    c.spoke = api_server_config("spoke", f["spoke"]);
    c.unreachable_fraction = f["unreachable_fraction"].get<double>();
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
    const Json& rl = c["rate_limiter"];
    cfg.rate_limiter = {duration_value(rl["base_delay"]), duration_value(rl["max_delay"]),
                        rl["qps"].get<double>(), rl["burst"].get<int>()};
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

  const Scenario& sc_;
  systems::World& w_;
  Json root_;
  std::vector<Diagnostic> diags_;
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
