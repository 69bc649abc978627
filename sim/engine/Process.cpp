#include "engine/Process.hpp"

namespace fleetsim::engine {

namespace {

detail::ProcessLink* head = nullptr;  // most recently started first
bool in_teardown = false;

}  // namespace

void detail::link_process(ProcessLink& node) noexcept {
  node.prev = nullptr;
  node.next = head;
  if (head) head->prev = &node;
  head = &node;
}

void detail::unlink_process(ProcessLink& node) noexcept {
  if (node.prev) node.prev->next = node.next;
  if (node.next) node.next->prev = node.prev;
  if (head == &node) head = node.next;
  node.prev = node.next = nullptr;
}

void destroy_suspended_processes() noexcept {
  in_teardown = true;
  // Destroying a frame unlinks it (~promise_type); frames of awaited Tasks go with it.
  while (head) head->frame.destroy();
  in_teardown = false;
}

bool tearing_down() noexcept {
  return in_teardown;
}

}  // namespace fleetsim::engine
