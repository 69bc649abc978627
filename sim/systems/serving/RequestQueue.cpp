#include "systems/serving/RequestQueue.hpp"

namespace fleetsim::systems::serving {

RequestQueue::RequestQueue(engine::Scheduler& sched, int max_batch_size, double max_wait)
    : sched_(sched), max_batch_(max_batch_size), max_wait_(max_wait), idle_(sched) {}

void RequestQueue::push(double arrival) {
  ++waiting_;
  open_.arrivals.push_back(arrival);
  if (static_cast<int>(open_.arrivals.size()) >= max_batch_) return seal();
  if (open_.arrivals.size() == 1) {
    const std::uint64_t id = open_id_;
    sched_.after(max_wait_, [this, id] {
      if (open_id_ == id && !open_.arrivals.empty()) seal();
    });
  }
}

void RequestQueue::seal() {
  open_.sealed = sched_.now();
  ready_.push_back(std::move(open_));
  open_ = Batch{};
  ++open_id_;
  idle_.wake_one();
}

Batch RequestQueue::pop() {
  Batch b = std::move(ready_.front());
  ready_.pop_front();
  waiting_ -= b.arrivals.size();
  return b;
}

}  // namespace fleetsim::systems::serving
