#include "platform/NodePool.hpp"

#include <algorithm>

namespace fleetsim::platform {

NodePool::NodePool(engine::Scheduler& sched, NodePoolConfig config, engine::RandomStream rng)
    : sched_(sched), config_(std::move(config)), rng_(std::move(rng)) {}

void NodePool::start() {
  for (int i = 0; i < config_.initial; ++i) make_ready(create());
}

Node& NodePool::create() {
  account();
  std::string name = config_.name;
  name.append("-").append(std::to_string(nodes_.size()));
  nodes_.push_back(std::make_unique<Node>(sched_, name, *this, config_.shape, sched_.now()));
  ++provisioning_;
  ++added_;
  size_peak_ = std::max(size_peak_, size());
  return *nodes_.back();
}

void NodePool::make_ready(Node& n) {
  if (n.deleted_) return;
  account();
  --provisioning_;
  ++ready_;
  n.ready_ = true;
  n.ready_at_ = sched_.now();
  if (on_ready_) on_ready_(n);
}

int NodePool::scale_up(int n) {
  const int k = std::max(0, std::min(n, config_.max_size - size()));
  for (int i = 0; i < k; ++i) {
    Node& node = create();
    const double delay = config_.provisioning_delay.sample(rng_);
    sched_.after(delay, [this, &node] { make_ready(node); });
  }
  return k;
}

bool NodePool::remove(Node& node) {
  if (node.deleted_ || size() <= config_.min_size) return false;
  account();
  (node.ready_ ? ready_ : provisioning_) -= 1;
  node.ready_ = false;
  node.deleted_ = true;
  node.deleted_at_ = sched_.now();
  ++removed_;
  return true;
}

void NodePool::account() {
  const double now = sched_.now();
  area_ += size() * (now - last_change_);
  last_change_ = now;
}

double NodePool::node_seconds() const {
  return area_ + size() * (sched_.now() - last_change_);
}

}  // namespace fleetsim::platform
