#include "cli/RunMetrics.hpp"

#include <algorithm>
#include <thread>

#include "output/MetricsCollector.hpp"
#include "output/OpenMetricsWriter.hpp"

namespace fleetsim::cli {

RunMetrics::RunMetrics(const systems::World& world, const output::Sampler& sampler,
                       std::string scenario, double pace, std::unique_ptr<MetricsServer> server)
    : world_(world),
      sampler_(sampler),
      scenario_(std::move(scenario)),
      pace_(pace),
      server_(std::move(server)) {
  if (server_) server_->publish(output::collect_metrics(world_, sampler_, scenario_));
}

void RunMetrics::snapshot() {
  if (sampler_.rows().size() == rows_seen_) return;
  rows_seen_ = sampler_.rows().size();
  auto s = output::collect_metrics(world_, sampler_, scenario_);
  history_.record(s);
  if (server_) server_->publish(std::move(s));
}

bool RunMetrics::on_step(double virtual_time) {
  snapshot();
  if (pace_ > 0) {
    using namespace std::chrono;
    const auto due =
        wall0_ + duration_cast<steady_clock::duration>(duration<double>(virtual_time / pace_));
    // Sleep in slices so that a stop signal is seen within 0.1 s.
    while (steady_clock::now() < due && !(server_ && server_->stop_requested()))
      std::this_thread::sleep_for(
          std::min<steady_clock::duration>(due - steady_clock::now(), milliseconds(100)));
  }
  return !(server_ && server_->stop_requested());
}

void RunMetrics::finish() {
  snapshot();
}

void RunMetrics::write(std::ostream& out) const {
  output::write_openmetrics_history(out, history_);
}

void RunMetrics::serve_until_stopped() {
  if (server_) server_->wait_for_stop();
}

}  // namespace fleetsim::cli
