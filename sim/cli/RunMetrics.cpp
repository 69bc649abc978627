#include "cli/RunMetrics.hpp"

#include "output/MetricsCollector.hpp"
#include "output/OpenMetricsWriter.hpp"

namespace fleetsim::cli {

RunMetrics::RunMetrics(const systems::World& world, const output::Sampler& sampler,
                       std::string scenario)
    : world_(world), sampler_(sampler), scenario_(std::move(scenario)) {}

void RunMetrics::snapshot() {
  if (sampler_.rows().size() == rows_seen_) return;
  rows_seen_ = sampler_.rows().size();
  history_.record(output::collect_metrics(world_, sampler_, scenario_));
}

bool RunMetrics::on_step(double) {
  snapshot();
  return true;
}

void RunMetrics::finish() {
  snapshot();
}

void RunMetrics::write(std::ostream& out) const {
  output::write_openmetrics_history(out, history_);
}

}  // namespace fleetsim::cli
