// Process: a detached coroutine, started at once, that frees itself when it finishes.
//
// Models: a long-lived simulated activity (a controller worker, an adoption stream, a
// traffic source). Nobody awaits a Process; it runs until its body returns. Processes
// still suspended when the simulation stops are abandoned with the engine.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdlib>

#include "engine/FramePool.hpp"

namespace fleetsim::engine {

struct Process {
  struct promise_type {
    static void* operator new(std::size_t bytes) { return FramePool::allocate(bytes); }
    static void operator delete(void* p, std::size_t bytes) noexcept {
      FramePool::release(p, bytes);
    }
    Process get_return_object() const noexcept { return {}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    [[noreturn]] void unhandled_exception() const noexcept { std::abort(); }
  };
};

}  // namespace fleetsim::engine
