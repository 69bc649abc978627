// Pod: a pod as the model sees it: its spec (requests, limits, tolerations, nodeSelector,
// how long it runs) and its status (phase, node, Ready, the times of its life).
//
// Models: v1.Pod reduced to what scheduling and the controllers use. Phases follow
// v1.PodPhase: Pending (created, not yet running: unscheduled or starting), Running,
// Succeeded, Failed. `run_time` (if set) is how long the containers run before they exit
// 0 (a workflow step); or `cpu_work` is computed on the node's cores (speed and contention
// with the other pods of the node apply) before they exit 0; neither = runs until deleted
// (a server, a trainee).
// Units: seconds, cores, bytes. Invariants: a pod is bound at most once; node != nullptr
// once bound; times are -1 until the event happens, and created <= bound <= running <=
// finished.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/Distribution.hpp"
#include "k8s/ApiRequest.hpp"
#include "k8s/Toleration.hpp"
#include "platform/Node.hpp"
#include "platform/Resources.hpp"

namespace fleetsim::k8s {

enum class PodPhase { kPending, kRunning, kSucceeded, kFailed };
const char* phase_name(PodPhase p);

struct PodSpec {
  platform::Resources requests;
  platform::Resources limits;  // informative (the CPU a pod's work may use is the owner's)
  std::vector<Toleration> tolerations;
  std::map<std::string, std::string> node_selector;
  std::optional<engine::Distribution> run_time;  // seconds; none = until deleted
  // Instead of run_time: CPU work (core-seconds at reference speed) run on the node's cores,
  // split evenly over `threads()` threads; the pod exits 0 when all are done.
  std::optional<engine::Distribution> cpu_work;
  // Threads of cpu_work: the whole cores of the CPU limit (else of the request), at least 1.
  int threads() const {
    const double cpu = limits.cpu > 0 ? limits.cpu : requests.cpu;
    return cpu >= 1 ? static_cast<int>(cpu) : 1;
  }
};

struct Pod {
  ObjectId id = 0;
  std::string name;
  PodSpec spec;
  PodPhase phase = PodPhase::kPending;
  bool ready = false;
  bool deleted = false;
  platform::Node* node = nullptr;
  int attempts = 0;            // scheduling attempts
  bool unschedulable = false;  // PodScheduled=False: the last attempt found no node
  bool holds = false;  // its requests are counted on `node` (assumed or bound, not terminated)
  double created = -1, bound = -1, running = -1, finished = -1;
  // The owner's informer: called (after the watch delay) on every write to the pod.
  std::function<void(Pod&)> on_event;

  bool terminated() const {
    return deleted || phase == PodPhase::kSucceeded || phase == PodPhase::kFailed;
  }
};

}  // namespace fleetsim::k8s
