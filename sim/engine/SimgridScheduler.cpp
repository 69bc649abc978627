#include "engine/SimgridScheduler.hpp"

#include <xbt/log.h>
#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>

#include <algorithm>

#include "engine/Process.hpp"

namespace fleetsim::engine {

namespace sg4 = simgrid::s4u;
using simgrid::kernel::timer::Timer;

namespace {
constexpr double kReferenceFlops = 1e9;  // one reference core does 1e9 flop/s
}

SimgridScheduler::SimgridScheduler(Dispatch dispatch) : dispatch_(dispatch) {
  xbt_log_control_set("root.thres:critical");
  int argc = 1;
  static char arg0[] = "fleetsim";
  char* argv[] = {arg0, nullptr};
  engine_ = std::make_unique<sg4::Engine>(&argc, argv);
  zone_ = sg4::create_star_zone("world");
}

SimgridScheduler::~SimgridScheduler() {
  destroy_suspended_processes();
}

Time SimgridScheduler::now() const {
  return dispatch_ == Dispatch::kCalendar ? now_ : sg4::Engine::get_clock();
}

void SimgridScheduler::at(Time t, Callback fn) {
  if (dispatch_ == Dispatch::kCalendar) return calendar_.push(std::max(t, now_), std::move(fn));
  Timer::set(std::max(t, now()), [this, f = std::move(fn)] {
    ++events_;
    f();
  });
}

void SimgridScheduler::resume_at(Time t, std::coroutine_handle<> h) {
  if (dispatch_ == Dispatch::kCalendar) return calendar_.push(std::max(t, now_), h);
  Timer::set(std::max(t, now()), [this, h] {
    ++events_;
    h.resume();
  });
}

void SimgridScheduler::declare_host(const std::string& name, int cores, double speed) {
  zone_->create_host(name, speed * kReferenceFlops)->set_core_count(cores)->seal();
}

void SimgridScheduler::seal_platform() {
  if (sealed_) return;
  if (zone_->get_all_hosts().empty()) zone_->create_host("maestro", kReferenceFlops)->seal();
  zone_->seal();
  sealed_ = true;
}

bool SimgridScheduler::run_until(Time t) {
  seal_platform();
  if (dispatch_ == Dispatch::kSimgridTimers) {
    engine_->run_until(t);
    return Timer::next() >= 0;
  }
  while (!calendar_.empty() && calendar_.next_date() <= t) {
    now_ = calendar_.next_date();
    ++events_;
    calendar_.run_next();
  }
  now_ = std::max(now_, t);
  engine_->run_until(t);  // SimGrid's clock follows at every chunk boundary
  return !calendar_.empty();
}

}  // namespace fleetsim::engine
