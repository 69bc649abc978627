// Process: a detached coroutine, started at once, that frees itself when it finishes.
//
// Models: a long-lived simulated activity (a controller worker, an adoption stream, a
// traffic source). Nobody awaits a Process; it runs until its body returns. Processes
// still suspended when the simulation stops are destroyed with their World (or with the
// scheduler, in unit tests without one): destroy_suspended_processes() frees their frames
// and, through the Task objects they hold, the frames of the tasks they await.
// Invariant: every live Process frame is in one registry (an intrusive list), so teardown
// finds them all; while it runs, tearing_down() is true.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdlib>

#include "engine/FramePool.hpp"

namespace fleetsim::engine {

namespace detail {

// A node of the registry of live Process frames.
struct ProcessLink {
  ProcessLink* prev = nullptr;
  ProcessLink* next = nullptr;
  std::coroutine_handle<> frame;
};
void link_process(ProcessLink& node) noexcept;
void unlink_process(ProcessLink& node) noexcept;

}  // namespace detail

// Destroys every suspended Process (none can run any more): their frames are freed and
// the destructors of their locals run. Called by ~World and by the schedulers' destructors.
void destroy_suspended_processes() noexcept;
// True while destroy_suspended_processes() runs: destructors of coroutine locals that
// observe completion (e.g. a reconcile timer) must not count an abandoned coroutine.
bool tearing_down() noexcept;

struct Process {
  struct promise_type {
    static void* operator new(std::size_t bytes) { return FramePool::allocate(bytes); }
    static void operator delete(void* p, std::size_t bytes) noexcept {
      FramePool::release(p, bytes);
    }
    promise_type() noexcept {
      link.frame = std::coroutine_handle<promise_type>::from_promise(*this);
      detail::link_process(link);
    }
    ~promise_type() { detail::unlink_process(link); }
    promise_type(const promise_type&) = delete;
    promise_type& operator=(const promise_type&) = delete;

    Process get_return_object() const noexcept { return {}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    [[noreturn]] void unhandled_exception() const noexcept { std::abort(); }

    detail::ProcessLink link;
  };
};

}  // namespace fleetsim::engine
