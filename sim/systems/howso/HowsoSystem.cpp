#include "systems/howso/HowsoSystem.hpp"

#include "systems/Percentiles.hpp"
#include "systems/World.hpp"

namespace fleetsim::systems::howso {

HowsoSystem::HowsoSystem(World& world, HowsoConfig config, std::unique_ptr<PodLauncher> launcher)
    : world_(world),
      config_(std::move(config)),
      launcher_(std::move(launcher)),
      hub_(world.api_server(config_.hub)),
      trainees_kind_(world.kinds().id("trainees")),
      statefulsets_kind_(world.kinds().id("statefulsets")),
      rng_(world.stream("howso/" + config_.name + "/training")) {
  auto& sched = world_.sched();
  operator_ = &world_.add_controller(config_.name + "-operator", config_.op.workers,
                                     config_.op.rate_limiter.make());
  operator_->set_reconciler([this](k8s::Key k) { return reconcile(k); });
  if (!config_.op.host.empty()) operator_host_ = &world_.host(config_.op.host);
  client_ = std::make_unique<k8s::RestClient>(sched, config_.op.client, &operator_->client_stats(),
                                              false);
  platform_client_ =
      std::make_unique<k8s::RestClient>(sched, k8s::RestClientConfig{0, 0, 10, 30}, nullptr, false);
  auto& watch = world_.watch_hub(config_.hub);
  watch.watch(trainees_kind_, [this](k8s::ObjectId id) { operator_->queue().add(id); });
  watch.watch(statefulsets_kind_, [this](k8s::ObjectId id) { on_statefulset(id); });
  source_ = std::make_unique<serving::RequestSource>(
      sched, config_.requests, world_.stream("howso/" + config_.name + "/requests"),
      [this] { request(static_cast<k8s::ObjectId>(trainees_.size())); });
  std::vector<services::DependentService*> services;
  for (const auto& c : config_.trainee.calls) services.push_back(&world_.service(c.service));
  training_ = std::make_unique<TrainingLoop>(sched, config_.trainee, std::move(services));
  if (config_.core.replicas > 0)
    core_ = std::make_unique<CoreService>(sched, config_.core, *launcher_,
                                          world_.stream("howso/" + config_.name + "/core"),
                                          world_.stream("howso/" + config_.name + "/core-work"));
}

void HowsoSystem::start() {
  source_->start();
  if (core_) core_->start();
}

bool HowsoSystem::sources_done() const {
  return source_->done() && finished_ + request_failures_ == source_->emitted() &&
         (!core_ || core_->done());
}

double HowsoSystem::progress() const {
  const auto planned = source_->planned();
  if (planned == 0) return sources_done() ? 1.0 : 0.0;
  return static_cast<double>(finished_ + request_failures_) / static_cast<double>(planned);
}

// The platform API creates the Trainee object; the operator hears of it through the watch.
engine::Process HowsoSystem::request(k8s::ObjectId id) {
  trainees_.push_back(Trainee{world_.sched().now()});
  const k8s::ApiResponse r = co_await platform_client_->call(
      hub_, k8s::ApiRequest{k8s::Verb::kCreate, trainees_kind_, id});
  if (!r.ok()) ++request_failures_;
}

engine::Task<k8s::ReconcileResult> HowsoSystem::reconcile(k8s::Key key) {
  Trainee& t = trainees_[key];
  if (t.status_written) co_return k8s::ReconcileResult::success();  // from the cache
  if (operator_host_) co_await operator_host_->compute(config_.op.reconcile_cpu.sample(rng_));
  if (t.launched < 0) {
    const k8s::ApiResponse r =
        co_await client_->call(hub_, k8s::ApiRequest{k8s::Verb::kCreate, statefulsets_kind_, key});
    if (!r.ok() && r.code != 409) co_return k8s::ReconcileResult::error();
    t.launched = world_.sched().now();
    launch_latency_.observe(t.launched - t.requested);
  }
  for (int i = 0; i < config_.op.status_writes; ++i) {
    const k8s::ApiResponse r =
        co_await client_->call(hub_, k8s::ApiRequest{k8s::Verb::kPatch, trainees_kind_, key});
    if (!r.ok()) co_return k8s::ReconcileResult::error();
  }
  t.status_written = true;
  co_return k8s::ReconcileResult::success();
}

// The StatefulSet reaches the StatefulSet controller (its informer).
void HowsoSystem::on_statefulset(k8s::ObjectId id) {
  Trainee& t = trainees_[id];
  if (t.has_workload) return;
  t.has_workload = true;
  t.workload = launcher_->launch(PodLauncher::Role::kTrainee, "trainee-" + std::to_string(id), 1,
                                 [this, id](int, platform::Host& host) { train(id, host); });
}

engine::Process HowsoSystem::train(k8s::ObjectId id, platform::Host& host) {
  auto& sched = world_.sched();
  Trainee& t = trainees_[id];
  t.running = sched.now();
  start_latency_.observe(t.running - t.requested);
  ++running_;
  ++trainee_nodes_[host.name()];
  const TrainingResult r = co_await training_->run(host, rng_);
  trainees_[id].finished = sched.now();
  training_seconds_.observe(r.seconds);
  service_seconds_.observe(r.service_seconds);
  ops_ += r.ops;
  rejections_ += r.rejections;
  --running_;
  ++finished_;
  launcher_->stop(trainees_[id].workload);
}

void HowsoSystem::gauges(std::vector<std::pair<std::string, double>>& out) const {
  const auto requested = static_cast<double>(trainees_.size() - request_failures_);
  out.emplace_back(config_.name + ".trainees_starting",
                   requested - static_cast<double>(running_ + finished_));
  out.emplace_back(config_.name + ".trainees_running", static_cast<double>(running_));
}

nlohmann::ordered_json HowsoSystem::summary() const {
  nlohmann::ordered_json j;
  std::uint64_t launched = 0, started = 0;
  for (const auto& t : trainees_) {
    launched += t.launched >= 0;
    started += t.running >= 0;
  }
  j["trainees"] = {{"requested", trainees_.size()},
                   {"request_failures", request_failures_},
                   {"statefulsets_created", launched},
                   {"started", started},
                   {"finished", finished_}};
  j["statefulset_created_seconds"] = percentiles(launch_latency_);
  j["start_latency_seconds"] = percentiles(start_latency_);
  j["training_seconds"] = percentiles(training_seconds_);
  j["service_call_seconds"] = percentiles(service_seconds_);
  j["service_ops"] = ops_;
  j["service_rejections"] = rejections_;
  j["operator_throttled_seconds"] = stats::six_figures(client_->throttled_seconds());
  j["trainee_nodes"] = trainee_nodes_;
  if (core_) j["core_service"] = core_->summary();
  return j;
}

}  // namespace fleetsim::systems::howso
