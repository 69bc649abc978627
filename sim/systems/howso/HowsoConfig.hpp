// HowsoConfig: the parameters of a Howso-style ML platform (see HowsoSystem).
//
// Units: seconds, core-seconds at reference speed, cores, bytes.
// Invariants (checked by the scenario schema and builder): operator workers >= 1;
// trainee iterations >= 1, threads >= 1; every service named by a call exists.
#pragma once

#include <string>
#include <vector>

#include "engine/Distribution.hpp"
#include "k8s/RateLimiterConfig.hpp"
#include "k8s/RestClient.hpp"
#include "systems/serving/RequestSource.hpp"

namespace fleetsim::systems::howso {

// Operations on one dependent service in every training iteration, one after another.
struct ServiceCallSpec {
  std::string service;  // services.NAME
  int ops = 1;
  double bytes = 0;  // per operation
};

struct OperatorSpec {
  int workers = 4;
  std::string host;  // platform host its CPU runs on; empty = no CPU modelled
  k8s::RestClientConfig client;
  k8s::RateLimiterConfig rate_limiter;
  engine::Distribution reconcile_cpu = engine::Distribution::constant(0);  // core-seconds
  int status_writes = 1;  // PATCHes of the Trainee status after the StatefulSet POST
};

struct TraineeSpec {
  double cpu = 16;      // cores requested by the pod
  double memory = 0;    // bytes requested by the pod
  int threads = 16;     // training threads: each iteration's work is split over them
  int iterations = 10;  // training iterations
  engine::Distribution iteration_work = engine::Distribution::constant(1);  // core-seconds
  std::vector<ServiceCallSpec> calls;  // per iteration, after the CPU work
  double retry_delay = 1;              // seconds before retrying a rejected operation
};

// A latency-sensitive service of the platform (API, UI backend) on the core nodes.
struct CoreServiceSpec {
  int replicas = 0;  // 0 = none
  double cpu = 1;    // cores requested per replica
  serving::SourceSpec requests;
  engine::Distribution work = engine::Distribution::constant(0.01);  // core-seconds
};

struct HowsoConfig {
  std::string name;
  std::string hub = "hub";  // API server the operator writes to
  serving::SourceSpec requests;
  OperatorSpec op;
  TraineeSpec trainee;
  CoreServiceSpec core;
};

}  // namespace fleetsim::systems::howso
