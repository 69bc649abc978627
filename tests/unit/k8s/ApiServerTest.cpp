#include "k8s/ApiServer.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "ApiServerFixture.hpp"

using namespace fleetsim::k8s;
using namespace fleetsim::k8s::apiserver_test;

TEST_F(ApiServerTest, SeatsBoundConcurrentRequests) {
  ApiServer server(sched, config(2, 15, 1.0), RandomStream(1, "t"));
  Outcome a, b, c;
  send_at(0, server, list(), &a);
  send_at(0, server, list(), &b);
  send_at(0, server, list(), &c);
  sched.run_until(0);
  EXPECT_EQ(server.in_flight(), 2);
  EXPECT_EQ(server.queued(), 1u);
  sched.run();
  EXPECT_DOUBLE_EQ(a.done, 1.0);
  EXPECT_DOUBLE_EQ(b.done, 1.0);
  EXPECT_DOUBLE_EQ(c.done, 2.0);  // waited for a seat
  EXPECT_EQ(c.resp.code, 200);
  EXPECT_EQ(server.stats().in_flight_peak, 2);
  EXPECT_EQ(server.in_flight(), 0);
  EXPECT_EQ(server.queued(), 0u);
}

TEST_F(ApiServerTest, QueuedRequestsAreSeatedFirstInFirstOut) {
  ApiServer server(sched, config(1, 15, 1.0), RandomStream(1, "t"));
  Outcome o[4];
  for (int i = 0; i < 4; ++i) send_at(0.1 * i, server, list(), &o[i]);
  sched.run();
  for (int i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(o[i].done, 1.0 + i) << "request " << i;
    EXPECT_EQ(o[i].resp.code, 200);
  }
}

TEST_F(ApiServerTest, RequestWaitingLongerThanMaxQueueWaitGets429) {
  ApiServer server(sched, config(1, 2, 10), RandomStream(1, "t"));
  Outcome first, second;
  send_at(0, server, list(), &first);
  send_at(0.5, server, list(), &second);
  sched.run();
  EXPECT_EQ(second.resp.code, 429);
  EXPECT_DOUBLE_EQ(second.done, 2.5);  // arrival + max_queue_wait
  EXPECT_DOUBLE_EQ(second.resp.retry_after, 1.0);
  EXPECT_EQ(first.resp.code, 200);
  EXPECT_DOUBLE_EQ(first.done, 10.0);
  EXPECT_EQ(server.stats().rejected_429_total, 1u);
}

TEST_F(ApiServerTest, RejectedWaiterNeverTakesAFreedSeat) {
  // B is rejected at 8; C, queued behind it, gets the seat A frees at 10.
  ApiServer server(sched, config(1, 8, 10), RandomStream(1, "t"));
  Outcome a, b, c;
  send_at(0, server, list(), &a);
  send_at(0, server, list(), &b);
  send_at(5, server, list(), &c);
  sched.run();
  EXPECT_EQ(b.resp.code, 429);
  EXPECT_DOUBLE_EQ(b.done, 8.0);
  EXPECT_EQ(c.resp.code, 200);
  EXPECT_DOUBLE_EQ(c.done, 20.0);
  EXPECT_EQ(server.stats().in_flight_peak, 1);
  EXPECT_EQ(server.in_flight(), 0);
}

TEST_F(ApiServerTest, ZeroMaxQueueWaitRejectsAtOnceWhenFull) {
  ApiServer server(sched, config(1, 0, 5), RandomStream(1, "t"));
  Outcome a, b;
  send_at(0, server, list(), &a);
  send_at(1, server, list(), &b);
  sched.run();
  EXPECT_EQ(b.resp.code, 429);
  EXPECT_DOUBLE_EQ(b.done, 1.0);
  EXPECT_EQ(a.resp.code, 200);
  EXPECT_DOUBLE_EQ(a.done, 5.0);
}

TEST_F(ApiServerTest, ZeroMaxQueueWaitServesWhenASeatIsFree) {
  ApiServer server(sched, config(1, 0, 5), RandomStream(1, "t"));
  Outcome a, b;
  send_at(0, server, list(), &a);
  send_at(5.5, server, list(), &b);  // after a released its seat
  sched.run();
  EXPECT_EQ(b.resp.code, 200);
  EXPECT_DOUBLE_EQ(b.done, 10.5);
  EXPECT_EQ(server.stats().rejected_429_total, 0u);
}

TEST_F(ApiServerTest, ZeroSeatsMeansUnlimited) {
  ApiServer server(sched, config(0, 0, 1.0), RandomStream(1, "t"));
  std::vector<Outcome> o(500);
  for (auto& x : o) send_at(0, server, list(), &x);
  sched.run();
  for (const auto& x : o) {
    EXPECT_EQ(x.resp.code, 200);
    EXPECT_DOUBLE_EQ(x.done, 1.0);
  }
  EXPECT_EQ(server.stats().in_flight_peak, 500);
  EXPECT_EQ(server.stats().rejected_429_total, 0u);
}

TEST_F(ApiServerTest, RetryAfterDoublesWhileRejectionsComeWithinIt) {
  ApiServer server(sched, config(1, 0, 1000), RandomStream(1, "t"));
  Outcome hold;
  send_at(0, server, list(), &hold);
  // Each rejection comes before the previous Retry-After has elapsed.
  const std::vector<double> at = {0, 0.5, 2, 5, 12, 27, 58, 89};
  const std::vector<double> want = {1, 2, 4, 8, 16, 32, 32, 32};
  std::vector<Outcome> o(at.size());
  for (std::size_t i = 0; i < at.size(); ++i) reject_at(at[i], server, &o[i]);
  sched.run_until(100);
  for (std::size_t i = 0; i < at.size(); ++i) {
    EXPECT_EQ(o[i].resp.code, 429) << "t=" << at[i];
    EXPECT_DOUBLE_EQ(o[i].resp.retry_after, want[i]) << "t=" << at[i];
  }
}

TEST_F(ApiServerTest, RetryAfterResetsToMinimumAfterAQuietPeriod) {
  ApiServer server(sched, config(1, 0, 1000), RandomStream(1, "t"));
  Outcome hold;
  send_at(0, server, list(), &hold);
  Outcome a, b, c, d;
  reject_at(1, server, &a);    // 1
  reject_at(1.5, server, &b);  // within 1: 2
  reject_at(4, server, &c);    // 2.5 s after the last, longer than 2: reset to 1
  reject_at(4.5, server, &d);  // within 1: 2 again
  sched.run_until(10);
  EXPECT_DOUBLE_EQ(a.resp.retry_after, 1.0);
  EXPECT_DOUBLE_EQ(b.resp.retry_after, 2.0);
  EXPECT_DOUBLE_EQ(c.resp.retry_after, 1.0);
  EXPECT_DOUBLE_EQ(d.resp.retry_after, 2.0);
}

TEST_F(ApiServerTest, RetryAfterBoundsComeFromTheConfig) {
  auto c = config(1, 0, 1000);
  c.retry_after_min = 3;
  c.retry_after_max = 5;
  ApiServer server(sched, c, RandomStream(1, "t"));
  Outcome hold, a, b, d;
  send_at(0, server, list(), &hold);
  reject_at(1, server, &a);
  reject_at(2, server, &b);
  reject_at(3, server, &d);
  sched.run_until(10);
  EXPECT_DOUBLE_EQ(a.resp.retry_after, 3.0);
  EXPECT_DOUBLE_EQ(b.resp.retry_after, 5.0);  // 6 capped
  EXPECT_DOUBLE_EQ(d.resp.retry_after, 5.0);
}

TEST_F(ApiServerTest, LatencyIsDrawnFromTheVerbsDistribution) {
  auto c = config(0, 15, 0);
  const double lat[kVerbCount] = {0.1, 2.0, 0.3, 0.4, 0.5, 0.6};
  for (int v = 0; v < kVerbCount; ++v) c.latency[v] = Distribution::constant(lat[v]);
  ApiServer server(sched, c, RandomStream(1, "t"));
  server.store().preload(0, 1);
  server.store().preload(0, 2);
  Outcome o[kVerbCount];
  send_at(0, server, req(Verb::kGet, 1), &o[0]);
  send_at(0, server, req(Verb::kList, 0), &o[1]);
  send_at(0, server, req(Verb::kCreate, 3), &o[2]);
  send_at(0, server, req(Verb::kUpdate, 1), &o[3]);
  send_at(0, server, req(Verb::kPatch, 2), &o[4]);
  send_at(0, server, req(Verb::kDelete, 1), &o[5]);
  sched.run();
  for (int v = 0; v < kVerbCount; ++v) {
    EXPECT_DOUBLE_EQ(o[v].done, lat[v]) << api_verb(static_cast<Verb>(v));
    EXPECT_TRUE(o[v].resp.ok()) << api_verb(static_cast<Verb>(v));
  }
}

TEST_F(ApiServerTest, LoadFactorIsOneWithoutACurve) {
  ApiServer server(sched, config(0, 15, 1), RandomStream(1, "t"));
  EXPECT_DOUBLE_EQ(server.load_factor(0), 1.0);
  EXPECT_DOUBLE_EQ(server.load_factor(1000), 1.0);
}

TEST_F(ApiServerTest, LoadFactorIsFlatOutsideTheCurve) {
  auto c = config(0, 15, 1);
  c.load_curve = {{10, 1.5}, {20, 2.0}, {40, 5.0}};
  ApiServer server(sched, c, RandomStream(1, "t"));
  EXPECT_DOUBLE_EQ(server.load_factor(0), 1.5);
  EXPECT_DOUBLE_EQ(server.load_factor(10), 1.5);
  EXPECT_DOUBLE_EQ(server.load_factor(40), 5.0);
  EXPECT_DOUBLE_EQ(server.load_factor(1000), 5.0);
}

TEST_F(ApiServerTest, LoadFactorIsLinearBetweenPoints) {
  auto c = config(0, 15, 1);
  c.load_curve = {{10, 1.5}, {20, 2.0}, {40, 5.0}};
  ApiServer server(sched, c, RandomStream(1, "t"));
  EXPECT_DOUBLE_EQ(server.load_factor(15), 1.75);
  EXPECT_DOUBLE_EQ(server.load_factor(20), 2.0);
  EXPECT_DOUBLE_EQ(server.load_factor(30), 3.5);
  EXPECT_DOUBLE_EQ(server.load_factor(35), 4.25);
}

TEST_F(ApiServerTest, LatencyIsScaledByTheLoadFactorAtSeating) {
  auto c = config(0, 15, 1.0);
  c.load_curve = {{1, 1.0}, {3, 3.0}};
  ApiServer server(sched, c, RandomStream(1, "t"));
  Outcome o[3];
  for (auto& x : o) send_at(0, server, list(), &x);
  sched.run();
  EXPECT_DOUBLE_EQ(o[0].done, 1.0);  // 1 in flight
  EXPECT_DOUBLE_EQ(o[1].done, 2.0);  // 2 in flight
  EXPECT_DOUBLE_EQ(o[2].done, 3.0);  // 3 in flight
}

TEST_F(ApiServerTest, StoreEffectsGiveHttpCodes) {
  ApiServer server(sched, config(0, 15, 0.01), RandomStream(1, "t"));
  const std::vector<std::pair<ApiRequest, int>> script = {
      {req(Verb::kGet, 1), 404},    {req(Verb::kPatch, 1), 404},  {req(Verb::kUpdate, 1), 404},
      {req(Verb::kDelete, 1), 404}, {req(Verb::kCreate, 1), 201}, {req(Verb::kCreate, 1), 409},
      {req(Verb::kGet, 1), 200},    {req(Verb::kPatch, 1), 200},  {req(Verb::kUpdate, 1), 200},
      {req(Verb::kList, 0), 200},   {req(Verb::kDelete, 1), 200}, {req(Verb::kGet, 1), 404},
  };
  std::vector<Outcome> o(script.size());
  for (std::size_t i = 0; i < script.size(); ++i)
    send_at(static_cast<double>(i), server, script[i].first, &o[i]);
  sched.run();
  for (std::size_t i = 0; i < script.size(); ++i)
    EXPECT_EQ(o[i].resp.code, script[i].second)
        << "step " << i << " " << api_verb(script[i].first.verb);
  EXPECT_EQ(server.store().objects(), 0u);
}

TEST_F(ApiServerTest, ServerSideApplyPatchCreatesAMissingObject) {
  ApiServer server(sched, config(0, 15, 0.01), RandomStream(1, "t"));
  Outcome a, b;
  send_at(0, server, req(Verb::kPatch, 4, true, true), &a);
  send_at(1, server, req(Verb::kPatch, 4, true, true), &b);
  sched.run();
  EXPECT_EQ(a.resp.code, 201);
  EXPECT_EQ(b.resp.code, 200);
  EXPECT_TRUE(server.store().exists(0, 4));
  EXPECT_EQ(server.store().objects(), 1u);
}

TEST_F(ApiServerTest, StatsCountEveryRequestIncludingRejections) {
  ApiServer server(sched, config(1, 2, 10), RandomStream(1, "t"));
  Outcome a, b, c;
  send_at(0, server, list(), &a);
  send_at(0, server, list(), &b);  // rejected at 2
  send_at(9, server, list(), &c);  // seated at 10, done at 20
  sched.run();
  const auto& st = server.stats();
  EXPECT_EQ(st.requests_total, 3u);
  EXPECT_EQ(st.rejected_429_total, 1u);
  EXPECT_EQ(st.in_flight_peak, 1);
  // Latency is arrival to answer: 10, 2 (the wait before the 429), 11.
  EXPECT_EQ(st.latency.count(), 3u);
  EXPECT_DOUBLE_EQ(st.latency.sum(), 23.0);
  EXPECT_DOUBLE_EQ(st.latency.min(), 2.0);
  EXPECT_DOUBLE_EQ(st.latency.max(), 11.0);
}

TEST_F(ApiServerTest, DurationHistogramIsKeptPerKindAndVerb) {
  ApiServer server(sched, config(0, 15, 0.3), RandomStream(1, "t"));
  Outcome a, b, c;
  send_at(0, server, req(Verb::kCreate, 1, true, false, 2), &a);
  send_at(0, server, req(Verb::kCreate, 2, true, false, 2), &b);
  send_at(0, server, req(Verb::kGet, 1, true, false, 1), &c);
  sched.run();
  const auto* creates = server.duration_histogram(2, Verb::kCreate);
  ASSERT_NE(creates, nullptr);
  EXPECT_EQ(creates->count(), 2u);
  EXPECT_DOUBLE_EQ(creates->sum(), 0.6);
  const auto* gets = server.duration_histogram(1, Verb::kGet);
  ASSERT_NE(gets, nullptr);
  EXPECT_EQ(gets->count(), 1u);
  EXPECT_EQ(server.duration_histogram(2, Verb::kGet), nullptr);
  EXPECT_EQ(server.duration_histogram(0, Verb::kCreate), nullptr);
  EXPECT_EQ(server.duration_histogram(40, Verb::kList), nullptr);
}
