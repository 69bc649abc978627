// Calendar: the event heap fleetsim dispatches events from (no SimGrid call per event).
//
// Models: a discrete-event calendar. Entries are 24 bytes (date, sequence, payload) in a
// 4-ary min-heap ordered by (date, sequence), so equal-date events run first-in
// first-out. A coroutine resumption costs no allocation; a callback is parked in a slot
// table that reuses its slots.
// Units: seconds. Invariants: pop() returns entries in (date, sequence) order.
#pragma once

#include <coroutine>
#include <cstdint>
#include <functional>
#include <vector>

namespace fleetsim::engine {

class Calendar {
 public:
  using Callback = std::function<void()>;

  void push(double date, std::coroutine_handle<> h) { push_entry(date, h.address(), kNoSlot); }
  void push(double date, Callback fn);
  bool empty() const { return heap_.empty(); }
  double next_date() const { return heap_.front().date; }
  std::size_t size() const { return heap_.size(); }
  // Removes the earliest event and runs it (the caller sets the clock to its date first).
  void run_next();

 private:
  static constexpr std::uint32_t kNoSlot = 0xffffffffu;
  struct Entry {
    double date;
    std::uint64_t seq;   // insertion order: FIFO among equal dates
    void* handle;        // coroutine address, or nullptr for a callback
    std::uint32_t slot;  // callback slot, kNoSlot for a coroutine
  };
  static bool before(const Entry& a, const Entry& b) {
    return a.date != b.date ? a.date < b.date : a.seq < b.seq;
  }
  void push_entry(double date, void* handle, std::uint32_t slot);
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);

  std::vector<Entry> heap_;
  std::uint64_t seq_ = 0;
  std::vector<Callback> slots_;
  std::vector<std::uint32_t> free_slots_;
};

}  // namespace fleetsim::engine
