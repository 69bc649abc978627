// WatchHub: informer fan-out of an API server's watch stream.
//
// Models: every successful write to an object of a kind reaches, after the watch delay,
// the event handler of every controller that watches that kind (shared informers: one
// event per write per handler). Handlers typically map the object to a key and Add it
// to their workqueue. Units: seconds. Invariant: events of one write are delivered in
// the order the handlers were registered, all at write time + delay.
#pragma once

#include <functional>
#include <vector>

#include "engine/Scheduler.hpp"
#include "k8s/ApiRequest.hpp"

namespace fleetsim::k8s {

class WatchHub {
 public:
  using Handler = std::function<void(ObjectId)>;

  WatchHub(engine::Scheduler& sched, double watch_delay) : sched_(sched), delay_(watch_delay) {}

  void watch(KindId kind, Handler handler);
  // Called by the API server after a successful write.
  void notify(KindId kind, ObjectId object);
  std::uint64_t events() const { return events_; }
  double delay() const { return delay_; }

 private:
  engine::Scheduler& sched_;
  double delay_;
  std::vector<std::vector<Handler>> handlers_;  // [kind]
  std::uint64_t events_ = 0;
};

}  // namespace fleetsim::k8s
