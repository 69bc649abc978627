#include "k8s/RestClient.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "engine/Distribution.hpp"
#include "engine/ManualScheduler.hpp"
#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"

using fleetsim::engine::Distribution;
using fleetsim::engine::ManualScheduler;
using fleetsim::engine::Process;
using fleetsim::engine::RandomStream;
using namespace fleetsim::k8s;

namespace {

struct Outcome {
  ApiResponse resp{-1, 0};
  double done = -1;
};

Process call(ManualScheduler& s, RestClient& client, ApiServer& server, ApiRequest r, Outcome* out,
             bool reachable = true) {
  out->resp = co_await client.call(server, r, reachable);
  out->done = s.now();
}

// Occupies a seat of `server` for its LIST latency.
Process hold(ApiServer& server) {
  co_await server.handle(ApiRequest{Verb::kList, 0, 0, true, false});
}

// One request straight to the server, no client, no retry.
Process poke(ApiServer& server) {
  co_await server.handle(ApiRequest{Verb::kGet, 0, 0, true, false});
}

// One seat, no queue: every request arriving while the seat is held gets 429 at once.
// GET takes 0.1 s, LIST (used to hold the seat) `hold_for` seconds.
ApiServerConfig one_seat(double hold_for) {
  ApiServerConfig c;
  c.name = "hub";
  c.seats = 1;
  c.max_queue_wait = 0;
  for (auto& d : c.latency) d = Distribution::constant(0.1);
  c.latency[static_cast<int>(Verb::kList)] = Distribution::constant(hold_for);
  return c;
}

ApiServerConfig unlimited(double latency) {
  ApiServerConfig c;
  c.name = "hub";
  c.seats = 0;
  for (auto& d : c.latency) d = Distribution::constant(latency);
  return c;
}

RestClientConfig client_config(double qps, int burst, int max_retries = 10, double timeout = 30) {
  return RestClientConfig{qps, burst, max_retries, timeout};
}

const ApiRequest kGet{Verb::kGet, 0, 0, true, false};
const ApiRequest kList{Verb::kList, 0, 0, true, false};

std::uint64_t count_code(const ClientStats& st, int code) {
  std::uint64_t n = 0;
  for (const auto& [k, e] : st.entries())
    if (k.code == code) n += e.count;
  return n;
}

}  // namespace

TEST(RestClientTest, TokenBucketLetsBurstThroughThenSpacesByQps) {
  ManualScheduler sched;
  ApiServer server(sched, unlimited(0), RandomStream(1, "t"));
  RestClient client(sched, client_config(5, 10), nullptr, false);
  std::vector<Outcome> o(15);
  for (auto& x : o) call(sched, client, server, kList, &x);
  sched.run();
  for (int i = 0; i < 10; ++i) EXPECT_DOUBLE_EQ(o[i].done, 0.0) << "call " << i;
  for (int i = 10; i < 15; ++i) EXPECT_NEAR(o[i].done, 0.2 * (i - 9), 1e-12) << "call " << i;
  EXPECT_NEAR(client.throttled_seconds(), 0.2 + 0.4 + 0.6 + 0.8 + 1.0, 1e-12);
}

TEST(RestClientTest, BucketRefillsAtQpsWhileIdle) {
  ManualScheduler sched;
  ApiServer server(sched, unlimited(0), RandomStream(1, "t"));
  RestClient client(sched, client_config(5, 10), nullptr, false);
  std::vector<Outcome> o(12);
  for (int i = 0; i < 10; ++i) call(sched, client, server, kList, &o[i]);
  // 0.4 s later two tokens are back: two immediate calls, the third waits 0.2 s.
  sched.at(0.4, [&] {
    for (int i = 10; i < 12; ++i) call(sched, client, server, kList, &o[i]);
  });
  Outcome late;
  sched.at(0.4, [&] { call(sched, client, server, kList, &late); });
  sched.run();
  EXPECT_NEAR(o[10].done, 0.4, 1e-12);
  EXPECT_NEAR(o[11].done, 0.4, 1e-12);
  EXPECT_NEAR(late.done, 0.6, 1e-12);
}

TEST(RestClientTest, ZeroQpsIsUnlimited) {
  ManualScheduler sched;
  ApiServer server(sched, unlimited(0.5), RandomStream(1, "t"));
  RestClient client(sched, client_config(0, 0), nullptr, false);
  std::vector<Outcome> o(1000);
  for (auto& x : o) call(sched, client, server, kList, &x);
  sched.run();
  for (const auto& x : o) EXPECT_DOUBLE_EQ(x.done, 0.5);
  EXPECT_DOUBLE_EQ(client.throttled_seconds(), 0.0);
}

TEST(RestClientTest, RetriesOn429UntilServed) {
  ManualScheduler sched;
  ApiServer server(sched, one_seat(3.5), RandomStream(1, "t"));
  ClientStats stats;
  RestClient client(sched, client_config(0, 0), &stats, false);
  server.store().preload(0, 0);
  hold(server);
  Outcome o;
  call(sched, client, server, kGet, &o);
  sched.run();
  // Attempts at 0, 1, 2, 3 get 429 (Retry-After 1 each: 1 s apart resets it); the one
  // at 4 is served.
  EXPECT_EQ(o.resp.code, 200);
  EXPECT_DOUBLE_EQ(o.done, 4.1);
  EXPECT_EQ(count_code(stats, 429), 4u);
  EXPECT_EQ(count_code(stats, 200), 1u);
  EXPECT_EQ(server.stats().rejected_429_total, 4u);
}

TEST(RestClientTest, SleepsTheRetryAfterTheServerSent) {
  ManualScheduler sched;
  ApiServer server(sched, one_seat(3), RandomStream(1, "t"));
  RestClient client(sched, client_config(0, 0), nullptr, false);
  server.store().preload(0, 0);
  hold(server);
  Outcome o;
  poke(server);  // 429 at 0 with Retry-After 1
  sched.at(0.5, [&] { call(sched, client, server, kGet, &o); });
  sched.run();
  // o: 429 at 0.5 with Retry-After 2 (doubled), retried at 2.5: 429 with 1 (reset),
  // retried at 3.5: served at 3.6. (Sleeping 1 s instead would end at 3.1.)
  EXPECT_EQ(o.resp.code, 200);
  EXPECT_DOUBLE_EQ(o.done, 3.6);
}

TEST(RestClientTest, GivesUpAfterMaxRetriesReturningThe429) {
  ManualScheduler sched;
  ApiServer server(sched, one_seat(1000), RandomStream(1, "t"));
  ClientStats stats;
  RestClient client(sched, client_config(0, 0, 2), &stats, false);
  server.store().preload(0, 0);
  hold(server);
  Outcome o;
  call(sched, client, server, kGet, &o);
  sched.run_until(100);
  EXPECT_EQ(o.resp.code, 429);
  EXPECT_GT(o.resp.retry_after, 0.0);
  EXPECT_EQ(stats.total(), 3u);  // max_retries + 1 attempts
  EXPECT_EQ(server.stats().rejected_429_total, 3u);
}

TEST(RestClientTest, ZeroMaxRetriesMakesOneAttempt) {
  ManualScheduler sched;
  ApiServer server(sched, one_seat(1000), RandomStream(1, "t"));
  ClientStats stats;
  RestClient client(sched, client_config(0, 0, 0), &stats, false);
  server.store().preload(0, 0);
  hold(server);
  Outcome o;
  call(sched, client, server, kGet, &o);
  sched.run_until(100);
  EXPECT_EQ(o.resp.code, 429);
  EXPECT_EQ(stats.total(), 1u);
}

TEST(RestClientTest, FinalRejectionReturnsWithoutSleepingRetryAfter) {
  // Regression test (found by this suite, fixed).
  ManualScheduler sched;
  ApiServer server(sched, one_seat(1000), RandomStream(1, "t"));
  RestClient client(sched, client_config(0, 0, 2), nullptr, false);
  server.store().preload(0, 0);
  hold(server);
  Outcome o;
  call(sched, client, server, kGet, &o);
  sched.run_until(100);
  // Attempts at 0, 1 and 2 (Retry-After 1 each); the call gives up at 2.
  EXPECT_EQ(o.resp.code, 429);
  EXPECT_DOUBLE_EQ(o.done, 2.0);
}

TEST(RestClientTest, RetriesAlsoWaitForAToken) {
  ManualScheduler sched;
  ApiServer server(sched, one_seat(0.5), RandomStream(1, "t"));
  RestClient client(sched, client_config(0.5, 1), nullptr, false);
  server.store().preload(0, 0);
  hold(server);
  Outcome o;
  call(sched, client, server, kGet, &o);
  sched.run();
  // 429 at 0 (Retry-After 1); at 1 the bucket holds 0.5 token: wait 1 s more.
  EXPECT_EQ(o.resp.code, 200);
  EXPECT_DOUBLE_EQ(o.done, 2.1);
  EXPECT_DOUBLE_EQ(client.throttled_seconds(), 1.0);
}

TEST(RestClientTest, UnreachableServerCostsTimeoutAndAnswersCodeZero) {
  ManualScheduler sched;
  ApiServer server(sched, unlimited(0.1), RandomStream(1, "t"));
  ClientStats stats;
  RestClient client(sched, client_config(0, 0, 10, 30), &stats, true);
  Outcome o;
  call(sched, client, server, kGet, &o, false);
  sched.run();
  EXPECT_EQ(o.resp.code, 0);
  EXPECT_FALSE(o.resp.ok());
  EXPECT_DOUBLE_EQ(o.done, 30.0);
  EXPECT_EQ(server.stats().requests_total, 0u);  // never reached the server
  ASSERT_EQ(stats.entries().size(), 1u);
  const auto& [key, entry] = *stats.entries().begin();
  EXPECT_EQ(key.code, 0);
  EXPECT_EQ(entry.count, 1u);  // no retry without an answer
  EXPECT_DOUBLE_EQ(entry.seconds.sum(), 30.0);
}

TEST(RestClientTest, ClientStatsRecordServerVerbKindCodeAndRemote) {
  ManualScheduler sched;
  ApiServer server(sched, unlimited(0.25), RandomStream(1, "t"));
  ClientStats stats;
  RestClient client(sched, client_config(0, 0), &stats, true);
  Outcome a, b;
  call(sched, client, server, ApiRequest{Verb::kCreate, 3, 1, true, false}, &a);
  call(sched, client, server, ApiRequest{Verb::kGet, 3, 2, true, false}, &b);
  sched.run();
  ASSERT_EQ(stats.entries().size(), 2u);
  const ClientKey create{"hub", true, Verb::kCreate, 3, 201};
  const ClientKey get404{"hub", true, Verb::kGet, 3, 404};
  ASSERT_EQ(stats.entries().count(create), 1u);
  ASSERT_EQ(stats.entries().count(get404), 1u);
  EXPECT_EQ(stats.entries().at(create).count, 1u);
  EXPECT_DOUBLE_EQ(stats.entries().at(create).seconds.sum(), 0.25);
}

TEST(RestClientTest, ClientStatsLatencyIncludesTheTokenWait) {
  ManualScheduler sched;
  ApiServer server(sched, unlimited(0.1), RandomStream(1, "t"));
  ClientStats stats;
  RestClient client(sched, client_config(1, 1), &stats, false);
  Outcome a, b;
  call(sched, client, server, kList, &a);
  call(sched, client, server, kList, &b);  // waits 1 s for a token
  sched.run();
  EXPECT_DOUBLE_EQ(b.done, 1.1);
  ASSERT_EQ(stats.entries().size(), 1u);
  const auto& entry = stats.entries().begin()->second;
  EXPECT_EQ(entry.count, 2u);
  EXPECT_DOUBLE_EQ(entry.seconds.sum(), 0.1 + 1.1);
}
