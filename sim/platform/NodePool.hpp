// NodePool: a group of identical nodes that can grow and shrink (a cloud node group: an
// AWS Auto Scaling group, a GKE node pool, a Cluster API MachineDeployment).
//
// Models: `initial` nodes Ready at t = 0; scale_up(n) requests n more nodes, each Ready
// after its own provisioning delay (drawn from the pool's distribution: instance boot +
// kubelet registration); remove(node) deletes a node at once. The target size counts
// nodes Ready and provisioning; it stays within [min_size, max_size].
// Simplification: provisioning never fails (no max-node-provision-time expiry).
// Units: seconds. Invariants: min_size <= size() <= max_size after any call that returned
// success; nodes are named `<pool>-<n>` with n counting every node ever created.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/Distribution.hpp"
#include "engine/RandomStream.hpp"
#include "engine/Scheduler.hpp"
#include "platform/Node.hpp"
#include "platform/NodeShape.hpp"

namespace fleetsim::platform {

struct NodePoolConfig {
  std::string name;
  NodeShape shape;
  int min_size = 0;
  int max_size = 10;
  int initial = 0;                          // nodes Ready at t = 0
  engine::Distribution provisioning_delay;  // seconds from request to Ready
};

class NodePool {
 public:
  NodePool(engine::Scheduler& sched, NodePoolConfig config, engine::RandomStream rng);

  // Creates the initial nodes, Ready at once.
  void start();
  // Requests up to n more nodes (capped at max_size); returns how many were requested.
  int scale_up(int n);
  // Deletes a node (Ready or not); false if that would go below min_size or it is gone.
  bool remove(Node& node);
  // Called when a node becomes Ready.
  void set_on_ready(std::function<void(Node&)> fn) { on_ready_ = std::move(fn); }

  const std::string& name() const { return config_.name; }
  const NodePoolConfig& config() const { return config_; }
  int size() const { return ready_ + provisioning_; }  // target size
  int ready_count() const { return ready_; }
  int provisioning() const { return provisioning_; }
  int size_peak() const { return size_peak_; }
  int added_total() const { return added_; }
  int removed_total() const { return removed_; }
  // Every node ever created (deleted ones flagged), in creation order.
  const std::vector<std::unique_ptr<Node>>& nodes() const { return nodes_; }
  // Integral of nodes (provisioning or Ready) over time, up to now: node-seconds (cost).
  double node_seconds() const;

 private:
  Node& create();
  void make_ready(Node& n);
  void account();

  engine::Scheduler& sched_;
  NodePoolConfig config_;
  engine::RandomStream rng_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::function<void(Node&)> on_ready_;
  int ready_ = 0, provisioning_ = 0, size_peak_ = 0, added_ = 0, removed_ = 0;
  double area_ = 0, last_change_ = 0;
};

}  // namespace fleetsim::platform
