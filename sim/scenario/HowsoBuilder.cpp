#include "scenario/HowsoBuilder.hpp"

#include <cmath>

#include "k8s/RateLimiterConfig.hpp"
#include "scenario/ClusterConfigs.hpp"

namespace fleetsim::scenario {

namespace howso = systems::howso;

namespace {

howso::TraineeSpec trainee(const Json& t, const std::string& path, const systems::World& world,
                           const ErrorSink& error) {
  howso::TraineeSpec s;
  s.cpu = cpu_value(t["pod"]["requests"]["cpu"]);
  s.memory = memory_value(t["pod"]["requests"]["memory"]);
  s.threads = t["threads"].get<int>();
  if (s.threads == 0) s.threads = std::max(1, static_cast<int>(std::ceil(s.cpu - 1e-9)));
  s.iterations = t["iterations"].get<int>();
  s.iteration_work = distribution_value(t["iteration_work"]);
  s.retry_delay = duration_value(t["retry_delay"]);
  for (std::size_t i = 0; i < t["calls"].size(); ++i) {
    const Json& c = t["calls"][i];
    const std::string svc = c["service"].get<std::string>();
    if (!world.has_service(svc))
      error(path + ".calls" + index_suffix(i) + ".service",
            "no service \"" + svc + "\" in services");
    s.calls.push_back({svc, c["ops"].get<int>(), c["bytes"].get<double>()});
  }
  return s;
}

}  // namespace

howso::HowsoConfig howso_config(
    const std::string& name, const Json& j, const systems::World& world,
    const std::function<systems::serving::SourceSpec(const Json&, const std::string&)>& source,
    const ErrorSink& error) {
  const std::string path = "howso." + name;
  howso::HowsoConfig c;
  c.name = name;
  c.hub = j["hub"].get<std::string>();
  if (!world.api_servers().count(c.hub))
    error(path + ".hub", "no API server \"" + c.hub + "\" in api_servers");
  c.requests = source(j["requests"], path + ".requests");
  const Json& o = j["operator"];
  c.op.workers = o["workers"].get<int>();
  c.op.host = o["host"].get<std::string>();
  if (!c.op.host.empty() && !world.hosts().count(c.op.host))
    error(path + ".operator.host", "no host \"" + c.op.host + "\" in platform.hosts");
  c.op.reconcile_cpu = distribution_value(o["reconcile_cpu"]);
  if (c.op.host.empty() && c.op.reconcile_cpu.mean() > 0)
    error(path + ".operator.host", "reconcile_cpu needs the host the operator runs on");
  c.op.status_writes = o["status_writes"].get<int>();
  c.op.client = client_config(o["client"]);
  c.op.rate_limiter = rate_limiter_config(o["rate_limiter"]);
  c.trainee = trainee(j["trainee"], path + ".trainee", world, error);
  const Json& core = j["core_service"];
  c.core.replicas = core["replicas"].get<int>();
  c.core.cpu = cpu_value(core["pod"]["requests"]["cpu"]);
  c.core.work = distribution_value(core["work"]);
  if (c.core.replicas > 0)
    c.core.requests = source(core["requests"], path + ".core_service.requests");
  return c;
}

}  // namespace fleetsim::scenario
