// ApiServerFixture: what ApiServer's unit tests share — a ManualScheduler, a config with
// constant latencies, request builders, and the outcome of one request (response and the
// virtual time it came back).
#pragma once

#include <gtest/gtest.h>

#include "engine/Distribution.hpp"
#include "engine/ManualScheduler.hpp"
#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"
#include "k8s/ApiServer.hpp"

namespace fleetsim::k8s::apiserver_test {

using engine::Distribution;
using engine::ManualScheduler;
using engine::Process;
using engine::RandomStream;
// What one request ended with, and when.
struct Outcome {
  ApiResponse resp{-1, 0};
  double done = -1;
};

inline Process send(ManualScheduler& s, ApiServer& server, ApiRequest r, Outcome* out) {
  out->resp = co_await server.handle(r);
  out->done = s.now();
}

inline ApiServerConfig config(int seats, double max_queue_wait, double latency) {
  ApiServerConfig c;
  c.name = "hub";
  c.seats = seats;
  c.max_queue_wait = max_queue_wait;
  for (auto& d : c.latency) d = Distribution::constant(latency);
  return c;
}

// A read that always succeeds (LIST), for tests about seats and timing.
inline ApiRequest list() {
  return ApiRequest{Verb::kList, 0, 0, true, false};
}
inline ApiRequest req(Verb v, ObjectId id, bool changes = true, bool ssa = false, KindId kind = 0) {
  return ApiRequest{v, kind, id, changes, ssa};
}

struct ApiServerTest : ::testing::Test {
  ManualScheduler sched;

  // Sends `r` to `server` at virtual time `t`.
  void send_at(double t, ApiServer& server, ApiRequest r, Outcome* out) {
    sched.at(t, [this, &server, r, out] { send(sched, server, r, out); });
  }
  // Sends a request that is rejected at once (server full, no queue) at `t`; returns
  // its outcome through `out`.
  void reject_at(double t, ApiServer& server, Outcome* out) { send_at(t, server, list(), out); }
};

}  // namespace fleetsim::k8s::apiserver_test
