#include "k8s/ApiServer.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "ApiServerFixture.hpp"
#include "k8s/WatchHub.hpp"

using namespace fleetsim::k8s;
using namespace fleetsim::k8s::apiserver_test;

namespace {
struct ApiServerWatchTest : ApiServerTest {
  WatchHub hub{sched, 0.5};
  std::vector<std::pair<ObjectId, double>> events;
  ApiServer server{sched, config(0, 15, 1.0), RandomStream(1, "t"), &hub};
  void SetUp() override {
    hub.watch(0, [this](ObjectId id) { events.emplace_back(id, sched.now()); });
  }
};
}  // namespace

TEST_F(ApiServerWatchTest, SuccessfulWritesNotifyTheWatchHubAfterTheWrite) {
  server.store().preload(0, 2);
  server.store().preload(0, 3);
  server.store().preload(0, 4);
  Outcome o[4];
  send_at(0, server, req(Verb::kCreate, 1), &o[0]);
  send_at(10, server, req(Verb::kUpdate, 2), &o[1]);
  send_at(20, server, req(Verb::kPatch, 3), &o[2]);
  send_at(30, server, req(Verb::kDelete, 4), &o[3]);
  sched.run();
  // Answer at arrival + 1 s latency, event at answer + 0.5 s watch delay.
  const std::vector<std::pair<ObjectId, double>> want = {{1, 1.5}, {2, 11.5}, {3, 21.5}, {4, 31.5}};
  EXPECT_EQ(events, want);
  EXPECT_EQ(hub.events(), 4u);
}

TEST_F(ApiServerWatchTest, ReadsAndFailedWritesDoNotNotify) {
  server.store().preload(0, 1);
  Outcome o[6];
  send_at(0, server, req(Verb::kGet, 1), &o[0]);
  send_at(0, server, req(Verb::kList, 0), &o[1]);
  send_at(0, server, req(Verb::kCreate, 1), &o[2]);  // 409
  send_at(0, server, req(Verb::kPatch, 9), &o[3]);   // 404
  send_at(0, server, req(Verb::kUpdate, 9), &o[4]);  // 404
  send_at(0, server, req(Verb::kDelete, 9), &o[5]);  // 404
  sched.run();
  EXPECT_EQ(o[2].resp.code, 409);
  EXPECT_EQ(o[5].resp.code, 404);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(hub.events(), 0u);
}

TEST_F(ApiServerWatchTest, UnchangedPatchDoesNotNotify) {
  server.store().preload(0, 1);
  Outcome a, b;
  send_at(0, server, req(Verb::kPatch, 1, false), &a);
  send_at(5, server, req(Verb::kPatch, 1, true), &b);
  sched.run();
  EXPECT_EQ(a.resp.code, 200);
  EXPECT_EQ(b.resp.code, 200);
  const std::vector<std::pair<ObjectId, double>> want = {{1, 6.5}};
  EXPECT_EQ(events, want);
}

TEST_F(ApiServerWatchTest, UnchangedPutDoesNotNotify) {
  // Regression test (found by this suite, fixed).
  server.store().preload(0, 1);
  Outcome a;
  send_at(0, server, req(Verb::kUpdate, 1, false), &a);
  sched.run();
  EXPECT_EQ(a.resp.code, 200);
  EXPECT_EQ(server.store().version(0, 1), 1u);
  EXPECT_TRUE(events.empty());
}

TEST_F(ApiServerWatchTest, ServerSideApplyCreateNotifiesEvenWhenMarkedUnchanged) {
  // Regression test (found by this suite, fixed).
  Outcome a;
  send_at(0, server, req(Verb::kPatch, 7, false, true), &a);
  sched.run();
  EXPECT_EQ(a.resp.code, 201);
  EXPECT_TRUE(server.store().exists(0, 7));
  const std::vector<std::pair<ObjectId, double>> want = {{7, 1.5}};
  EXPECT_EQ(events, want);
}
