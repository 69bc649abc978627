#include "engine/FramePool.hpp"

#include <new>

namespace fleetsim::engine {

namespace {

struct Block {
  Block* next;
};

constexpr std::size_t kClasses = FramePool::kMaxPooled / FramePool::kClassBytes;
Block* free_lists[kClasses + 1] = {};

std::size_t size_class(std::size_t bytes) {
  return (bytes + FramePool::kClassBytes - 1) / FramePool::kClassBytes;
}

}  // namespace

void* FramePool::allocate(std::size_t bytes) {
  if (bytes > kMaxPooled) return ::operator new(bytes);
  const std::size_t c = size_class(bytes);
  if (Block* b = free_lists[c]) {
    free_lists[c] = b->next;
    return b;
  }
  return ::operator new(c* kClassBytes);
}

void FramePool::release(void* p, std::size_t bytes) noexcept {
  if (bytes > kMaxPooled) return ::operator delete(p);
  const std::size_t c = size_class(bytes);
  auto* b = static_cast<Block*>(p);
  b->next = free_lists[c];
  free_lists[c] = b;
}

}  // namespace fleetsim::engine
