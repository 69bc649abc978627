// StepsController: a generic controller whose reconcile is a list of Steps.
//
// Models: keys arrive from a source (Poisson or constant arrivals of new keys 0..count-1),
// from watch events of hub kinds (key = object id), or from fleet adoption. Each reconcile
// runs the steps and returns success, or RequeueAfter a drawn delay; an error on any call
// returns error. First pass: every key of the universe reconciled successfully once.
// Units: seconds, core-seconds.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/Distribution.hpp"
#include "engine/Process.hpp"
#include "k8s/Controller.hpp"
#include "k8s/RateLimiterConfig.hpp"
#include "k8s/ReconcileResult.hpp"
#include "k8s/RestClient.hpp"
#include "platform/Host.hpp"
#include "systems/Step.hpp"
#include "systems/System.hpp"

namespace fleetsim::systems {

class World;

struct SourceConfig {
  std::string kind = "poisson";  // poisson | constant
  double rate = 1;               // keys per second
  std::uint64_t count = 0;       // keys in all
  double start = 0;              // seconds
};

struct StepsControllerConfig {
  std::string name;
  int workers = 5;
  std::string host;              // where CPU steps run
  k8s::RestClientConfig client;  // hub client
  k8s::RestClientConfig remote_client{0, 0, 10, 30};
  k8s::RateLimiterConfig rate_limiter;
  std::vector<std::string> watches;  // hub kinds whose writes enqueue the object id
  std::optional<SourceConfig> source;
  std::vector<Step> reconcile;
  std::optional<engine::Distribution> requeue_after;
  std::uint32_t keys = 0;  // size of the key universe (first pass)
};

class StepsController final : public System {
 public:
  StepsController(World& world, StepsControllerConfig config);

  const std::string& name() const override { return config_.name; }
  void start() override;
  bool sources_done() const override;
  double progress() const override;
  bool first_pass_done() const override { return config_.keys > 0 && done_ == config_.keys; }

 private:
  engine::Task<k8s::ReconcileResult> reconcile(k8s::Key key);
  engine::Task<bool> run(const std::vector<Step>& steps, k8s::Key key);
  engine::Task<bool> call(const Step& step, k8s::Key key);
  void resolve_kinds(std::vector<Step>& steps);
  engine::Process source();

  World& world_;
  StepsControllerConfig config_;
  k8s::Controller* controller_ = nullptr;
  platform::Host* host_ = nullptr;
  std::unique_ptr<k8s::RestClient> client_;
  engine::RandomStream rng_;
  std::uint64_t emitted_ = 0;
  std::vector<bool> succeeded_;
  std::uint32_t done_ = 0;
};

}  // namespace fleetsim::systems
