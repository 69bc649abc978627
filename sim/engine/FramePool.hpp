// FramePool: recycles coroutine frames (Task and Process frames are allocated per API
// call and per reconcile, tens of millions of times in a large run).
//
// Models nothing; an allocator. Frames up to kMaxPooled bytes come from per-size-class
// free lists (64-byte classes) and go back there when the coroutine ends; larger ones use
// operator new. Single-threaded, like the simulation. Memory is returned to the system
// only at exit. Invariant: a block is in at most one free list and never in use twice.
#pragma once

#include <cstddef>

namespace fleetsim::engine {

class FramePool {
 public:
  static constexpr std::size_t kClassBytes = 64;
  static constexpr std::size_t kMaxPooled = 1024;

  static void* allocate(std::size_t bytes);
  static void release(void* p, std::size_t bytes) noexcept;
};

}  // namespace fleetsim::engine
