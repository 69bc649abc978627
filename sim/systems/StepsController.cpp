#include "systems/StepsController.hpp"

#include "engine/Sleep.hpp"
#include "systems/World.hpp"

namespace fleetsim::systems {

StepsController::StepsController(World& world, StepsControllerConfig config)
    : world_(world), config_(std::move(config)), rng_(world.stream("controller/" + config_.name)) {
  controller_ = &world_.add_controller(config_.name, config_.workers, config_.rate_limiter.make());
  if (!config_.host.empty()) host_ = &world_.host(config_.host);
  client_ = std::make_unique<k8s::RestClient>(world_.sched(), config_.client,
                                              &controller_->client_stats(), false);
  controller_->set_reconciler([this](k8s::Key k) { return reconcile(k); });
  succeeded_.resize(config_.keys, false);
  resolve_kinds(config_.reconcile);
  for (const auto& kind : config_.watches) {
    auto& q = controller_->queue();
    world_.watch_hub("hub").watch(world_.kinds().id(kind), [&q](k8s::ObjectId id) { q.add(id); });
  }
}

void StepsController::resolve_kinds(std::vector<Step>& steps) {
  for (auto& s : steps) {
    if (s.type == Step::Type::kCall) s.kind_id = world_.kinds().id(s.kind);
    resolve_kinds(s.steps);
  }
}

void StepsController::start() {
  if (config_.source) source();
}

bool StepsController::sources_done() const {
  return !config_.source || emitted_ == config_.source->count;
}

double StepsController::progress() const {
  if (config_.keys == 0) return sources_done() ? 1.0 : 0.0;
  return static_cast<double>(done_) / config_.keys;
}

engine::Process StepsController::source() {
  auto& sched = world_.sched();
  const SourceConfig s = *config_.source;
  co_await engine::Sleep(sched, s.start);
  for (std::uint64_t i = 0; i < s.count; ++i) {
    const double gap = s.kind == "poisson" ? rng_.exponential(1.0 / s.rate) : 1.0 / s.rate;
    co_await engine::Sleep(sched, gap);
    ++emitted_;
    controller_->queue().add(static_cast<k8s::Key>(i));
  }
}

engine::Task<k8s::ReconcileResult> StepsController::reconcile(k8s::Key key) {
  const bool ok = co_await run(config_.reconcile, key);
  if (!ok) co_return k8s::ReconcileResult::error();
  if (key < succeeded_.size() && !succeeded_[key]) {
    succeeded_[key] = true;
    ++done_;
  }
  if (config_.requeue_after)
    co_return k8s::ReconcileResult::requeue_after(config_.requeue_after->sample(rng_));
  co_return k8s::ReconcileResult::success();
}

// Runs steps in order. CPU and delay steps are awaited in place (no coroutine frame);
// calls and groups take one frame each.
engine::Task<bool> StepsController::run(const std::vector<Step>& steps, k8s::Key key) {
  auto& sched = world_.sched();
  for (const auto& step : steps) {
    switch (step.type) {
      case Step::Type::kCpu:
        co_await host_->compute(step.dist.sample(rng_));
        break;
      case Step::Type::kDelay:
        co_await engine::Sleep(sched, step.dist.sample(rng_));
        break;
      case Step::Type::kCall:
        if (!co_await call(step, key)) co_return false;
        break;
      case Step::Type::kRepeat:
        for (int i = 0; i < step.repeat; ++i)
          if (!co_await run(step.steps, key)) co_return false;
        break;
      case Step::Type::kApply:
        for (int i = 0; i < step.repeat; ++i) {
          const double began = sched.now();
          const bool ok = co_await run(step.steps, key);
          world_.applies().record(sched.now() - began, ok);
          if (!ok) co_return false;
        }
        break;
    }
  }
  co_return true;
}

engine::Task<bool> StepsController::call(const Step& step, k8s::Key key) {
  const k8s::ApiRequest req{step.verb, step.kind_id, key, step.changes, step.server_side_apply};
  k8s::ApiResponse resp;
  if (step.server == "spoke") {
    auto* fleet = world_.fleet();
    const std::uint32_t cluster = key % fleet->clusters();
    k8s::RestClient remote(world_.sched(), config_.remote_client, &controller_->client_stats(),
                           true);
    resp = co_await remote.call(fleet->spoke_of(cluster), req, fleet->reachable(cluster));
  } else {
    resp = co_await client_->call(world_.api_server(step.server), req);
  }
  // A GET that finds nothing is an answer, not a failure (the caller creates next).
  co_return resp.ok() || (step.verb == k8s::Verb::kGet && resp.code == 404);
}

}  // namespace fleetsim::systems
