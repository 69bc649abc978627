// Node: one machine of a node pool: a Host (its cores run the CPU work of the pods placed
// on it) plus what the cluster keeps about it.
//
// Models: a cloud instance from request to deletion: provisioning (not Ready), Ready,
// deleted. `requested` is the sum of the requests of the pods assigned to it and not
// terminated (kept by the cluster's scheduler: the NodeInfo.Requested of kube-scheduler).
// Units: seconds, cores, bytes. Invariant: requested fits in allocatable for pods admitted
// by the scheduler; a deleted node is never Ready again.
#pragma once

#include <memory>
#include <string>

#include "platform/Host.hpp"
#include "platform/NodeShape.hpp"

namespace fleetsim::platform {

class NodePool;

class Node {
 public:
  Node(engine::Scheduler& sched, std::string name, NodePool& pool, const NodeShape& shape,
       double created_at)
      : name_(std::move(name)),
        pool_(pool),
        shape_(shape),
        host_(std::make_unique<Host>(sched,
                                     HostConfig{name_, shape.cores, shape.speed, shape.memory})),
        created_at_(created_at) {}

  const std::string& name() const { return name_; }
  NodePool& pool() const { return pool_; }
  const NodeShape& shape() const { return shape_; }
  Host& host() { return *host_; }
  const Host& host() const { return *host_; }
  Resources allocatable() const { return shape_.allocatable(); }
  bool ready() const { return ready_; }
  bool deleted() const { return deleted_; }
  double created_at() const { return created_at_; }
  double ready_at() const { return ready_at_; }
  double deleted_at() const { return deleted_at_; }

  // Bookkeeping of the scheduler (sum of requests of its non-terminated pods) and of the
  // pods on it.
  Resources requested;
  int pods = 0;

 private:
  friend class NodePool;
  std::string name_;
  NodePool& pool_;
  const NodeShape& shape_;
  std::unique_ptr<Host> host_;
  double created_at_;
  double ready_at_ = -1;
  double deleted_at_ = -1;
  bool ready_ = false;
  bool deleted_ = false;
};

}  // namespace fleetsim::platform
