#include "engine/Calendar.hpp"

#include <utility>

namespace fleetsim::engine {

void Calendar::push(double date, Callback fn) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = std::move(fn);
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(std::move(fn));
  }
  push_entry(date, nullptr, slot);
}

void Calendar::push_entry(double date, void* handle, std::uint32_t slot) {
  Heap& h = date - last_ > kFarSeconds ? far_ : near_;
  h.push_back(Entry{date, seq_++, handle, slot});
  sift_up(h, h.size() - 1);
}

void Calendar::sift_up(Heap& h, std::size_t i) {
  Entry e = h[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (!before(e, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = e;
}

void Calendar::sift_down(Heap& h, std::size_t i) {
  const std::size_t n = h.size();
  Entry e = h[i];
  for (;;) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t last = first + 4 < n ? first + 4 : n;
    for (std::size_t c = first + 1; c < last; ++c)
      if (before(h[c], h[best])) best = c;
    if (!before(h[best], e)) break;
    h[i] = h[best];
    i = best;
  }
  h[i] = e;
}

Calendar::Entry Calendar::pop(Heap& h) {
  const Entry top = h.front();
  h.front() = h.back();
  h.pop_back();
  if (!h.empty()) sift_down(h, 0);
  return top;
}

void Calendar::run_next() {
  const Entry top = pop(far_first() ? far_ : near_);
  last_ = top.date;
  if (top.handle) {
    std::coroutine_handle<>::from_address(top.handle).resume();
    return;
  }
  Callback fn = std::move(slots_[top.slot]);
  slots_[top.slot] = nullptr;
  free_slots_.push_back(top.slot);
  fn();
}

}  // namespace fleetsim::engine
