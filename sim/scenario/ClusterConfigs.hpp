// ClusterConfigs: reads the parts of a resolved scenario that describe the cluster (node
// pools, kube-scheduler, kubelets, cluster-autoscaler, pod templates, workloads) and the
// REST clients into the model's configs. The input is already validated by the schema
// (types, ranges, defaults filled); cross-checks that need the World stay in Builder.
// Units: as the schema's (seconds, cores, bytes).
#pragma once

#include <map>
#include <string>

#include "k8s/ClusterAutoscaler.hpp"
#include "k8s/Pod.hpp"
#include "k8s/RateLimiterConfig.hpp"
#include "k8s/RestClient.hpp"
#include "platform/NodePool.hpp"
#include "scenario/JsonValues.hpp"
#include "systems/workloads/WorkloadsSystem.hpp"

namespace fleetsim::scenario {

k8s::RestClientConfig client_config(const Json& j);
// A controller's workqueue rate limiter (`controllers.NAME.rate_limiter` and the like).
k8s::RateLimiterConfig rate_limiter_config(const Json& rl);
platform::Resources resources_value(const Json& j);
std::map<std::string, std::string> labels_value(const Json& j);
k8s::PodSpec pod_spec(const Json& j);
platform::NodePoolConfig node_pool_config(const std::string& name, const Json& j);
// `j` is the scenario's `cluster` object.
k8s::ClusterConfig cluster_config(const Json& j);
// `a` is `cluster.autoscaler`.
k8s::ClusterAutoscalerConfig autoscaler_config(const Json& a);
// `root` is the resolved scenario (`workloads` and `cluster.controller_manager`).
systems::workloads::WorkloadsConfig workloads_config(const Json& root);

}  // namespace fleetsim::scenario
