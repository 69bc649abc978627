#include "k8s/WatchHub.hpp"

namespace fleetsim::k8s {

void WatchHub::watch(KindId kind, Handler handler) {
  if (kind >= handlers_.size()) handlers_.resize(kind + 1);
  handlers_[kind].push_back(std::move(handler));
}

void WatchHub::notify(KindId kind, ObjectId object) {
  if (kind >= handlers_.size() || handlers_[kind].empty()) return;
  ++events_;
  sched_.after(delay_, [this, kind, object] {
    for (auto& h : handlers_[kind]) h(object);
  });
}

}  // namespace fleetsim::k8s
