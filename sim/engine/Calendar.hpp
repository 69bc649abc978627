// Calendar: the event heap fleetsim dispatches events from (no SimGrid call per event).
//
// Models: a discrete-event calendar. Entries (date, sequence, payload) sit in two 4-ary
// min-heaps ordered by (date, sequence): events due within kFarSeconds of the last event
// run go to the near heap, later ones (RequeueAfter timers, hours ahead) to the far heap,
// so the many short-lived events never sift through the long-lived ones; the earlier of
// the two tops runs next. Equal-date events run first-in first-out. A coroutine
// resumption costs no allocation; a callback is parked in a slot table that reuses slots.
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
  bool empty() const { return near_.empty() && far_.empty(); }
  double next_date() const { return top().date; }
  std::size_t size() const { return near_.size() + far_.size(); }
  // Removes the earliest event and runs it (the caller sets the clock to its date first).
  void run_next();

 private:
  static constexpr std::uint32_t kNoSlot = 0xffffffffu;
  static constexpr double kFarSeconds = 60;
  struct Entry {
    double date;
    std::uint64_t seq;   // insertion order: FIFO among equal dates
    void* handle;        // coroutine address, or nullptr for a callback
    std::uint32_t slot;  // callback slot, kNoSlot for a coroutine
  };
  static bool before(const Entry& a, const Entry& b) {
    return a.date != b.date ? a.date < b.date : a.seq < b.seq;
  }
  using Heap = std::vector<Entry>;
  void push_entry(double date, void* handle, std::uint32_t slot);
  static void sift_up(Heap& h, std::size_t i);
  static void sift_down(Heap& h, std::size_t i);
  static Entry pop(Heap& h);
  bool far_first() const {
    return near_.empty() || (!far_.empty() && before(far_.front(), near_.front()));
  }
  const Entry& top() const { return far_first() ? far_.front() : near_.front(); }

  Heap near_, far_;
  double last_ = 0;  // date of the last event run
  std::uint64_t seq_ = 0;
  std::vector<Callback> slots_;
  std::vector<std::uint32_t> free_slots_;
};

}  // namespace fleetsim::engine
