// MetricsCollector: reads a World into a MetricsSnapshot with Kubernetes' and Hive's names.
//
// Models the metrics the simulated processes would export (shared/reference/
// kubernetes.md and hive-2020.md): client-go's workqueue_* {name, controller}, controller-
// runtime's controller_runtime_* {controller[, result]}, client-go's rest_client_requests_
// total {code, method, host} summed over the controllers, kube-apiserver's apiserver_
// request_duration_seconds {server, verb, resource} (spoke servers summed under
// server="spokes"), Hive's hive_* families when a Hive system runs, and fleetsim_*
// families for what has no Kubernetes name (run, virtual time, progress, host cores,
// delayed keys, applies, API server counters). Bucket sets are the originals'.
// Taken right after a Sampler row (cores used over the interval come from that row).
#pragma once

#include <string>

#include "output/MetricsSnapshot.hpp"
#include "output/Sampler.hpp"
#include "systems/World.hpp"

namespace fleetsim::output {

// The snapshot at the time of the sampler's last row (0 before the first row).
MetricsSnapshot collect_metrics(const systems::World& world, const Sampler& sampler,
                                const std::string& scenario);

// Hive's resource label: group/version/plural ("core/v1/configmaps"); the plural alone for
// kinds of no known group.
std::string hive_resource_label(const std::string& plural);
// Go's http.Response.Status for a code ("200 OK", "429 Too Many Requests").
std::string http_status_text(int code);

}  // namespace fleetsim::output
