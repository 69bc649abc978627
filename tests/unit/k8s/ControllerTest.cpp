#include "k8s/Controller.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/ManualScheduler.hpp"
#include "engine/Sleep.hpp"
#include "engine/Task.hpp"

using fleetsim::engine::ManualScheduler;
using fleetsim::engine::Sleep;
using fleetsim::engine::Task;
using namespace fleetsim::k8s;

namespace {

// A limiter with a fixed delay that counts when/forget calls and tracks failures.
class StubLimiter final : public RateLimiter {
 public:
  explicit StubLimiter(double delay) : delay_(delay) {}
  double when(Key key, double) override {
    ++whens;
    ++failures[key];
    return delay_;
  }
  void forget(Key key) override {
    ++forgets;
    failures[key] = 0;
  }
  int num_requeues(Key key) const override {
    auto it = failures.find(key);
    return it == failures.end() ? 0 : it->second;
  }
  int whens = 0;
  int forgets = 0;
  std::map<Key, int> failures;

 private:
  double delay_;
};

struct Span {
  Key key;
  double start, end;
};

// What the reconciler does: takes `duration` seconds, returns the next scripted result
// for the key (success once the script is exhausted), and records what it saw.
struct Script {
  ManualScheduler* sched = nullptr;
  Controller* controller = nullptr;
  double duration = 1.0;
  std::map<Key, std::deque<ReconcileResult>> results;
  std::vector<Span> spans;
  std::map<Key, int> running;  // reconciles of a key in progress
  int max_running_one_key = 0;
  int max_running = 0;
  int total_running = 0;
  int max_active_seen = 0;
};

Task<ReconcileResult> reconcile(Script* s, Key key) {
  const double start = s->sched->now();
  int& r = s->running[key];
  ++r;
  ++s->total_running;
  s->max_running_one_key = std::max(s->max_running_one_key, r);
  s->max_running = std::max(s->max_running, s->total_running);
  s->max_active_seen = std::max(s->max_active_seen, s->controller->active_workers());
  co_await Sleep(*s->sched, s->duration);
  --s->running[key];
  --s->total_running;
  s->spans.push_back(Span{key, start, s->sched->now()});
  ReconcileResult res = ReconcileResult::success();
  auto& q = s->results[key];
  if (!q.empty()) {
    res = q.front();
    q.pop_front();
  }
  co_return res;
}

struct ControllerTest : ::testing::Test {
  ManualScheduler sched;
  StubLimiter* limiter = nullptr;
  std::unique_ptr<Controller> controller;
  Script script;

  void make(int workers, double limiter_delay = 2.0) {
    auto l = std::make_unique<StubLimiter>(limiter_delay);
    limiter = l.get();
    controller = std::make_unique<Controller>(sched, "ctl", workers, std::move(l));
    script.sched = &sched;
    script.controller = controller.get();
    controller->set_reconciler([this](Key k) { return reconcile(&script, k); });
    controller->start();
  }
  std::uint64_t by_result(ReconcileResult::Kind k) const {
    return controller->stats().reconciles_by_result[static_cast<int>(k)];
  }
  std::vector<double> starts(Key key) const {
    std::vector<double> v;
    for (const auto& s : script.spans)
      if (s.key == key) v.push_back(s.start);
    return v;
  }
};

using Kind = ReconcileResult::Kind;

}  // namespace

TEST_F(ControllerTest, ErrorAddsRateLimitedAndCountsAnError) {
  make(1, 2.0);
  script.duration = 0.5;
  script.results[1] = {ReconcileResult::error()};
  controller->queue().add(1);
  sched.run();
  EXPECT_EQ(limiter->whens, 1);
  EXPECT_EQ(starts(1), (std::vector<double>{0.0, 2.5}));  // 0.5 + limiter delay 2
  EXPECT_EQ(controller->stats().errors_total, 1u);
  EXPECT_EQ(by_result(Kind::kError), 1u);
  EXPECT_EQ(by_result(Kind::kSuccess), 1u);
  EXPECT_EQ(controller->queue().metrics().retries_total, 1u);
}

TEST_F(ControllerTest, RequeueAfterForgetsAndAddsAfterTheDelay) {
  make(1, 2.0);
  script.duration = 0.5;
  limiter->failures[1] = 3;
  script.results[1] = {ReconcileResult::requeue_after(5)};
  controller->queue().add(1);
  sched.run_until(0.75);
  EXPECT_EQ(controller->queue().num_requeues(1), 0);  // forgotten
  EXPECT_EQ(controller->queue().waiting_count(), 1u);
  sched.run();
  EXPECT_EQ(limiter->whens, 0);  // not rate limited
  EXPECT_EQ(starts(1), (std::vector<double>{0.0, 5.5}));
  EXPECT_EQ(by_result(Kind::kRequeueAfter), 1u);
  EXPECT_EQ(controller->stats().errors_total, 0u);
  EXPECT_EQ(controller->queue().metrics().retries_total, 1u);  // AddAfter counts a retry
}

TEST_F(ControllerTest, RequeueAddsRateLimitedWithoutAnError) {
  make(1, 3.0);
  script.duration = 0.5;
  script.results[1] = {ReconcileResult::requeue(), ReconcileResult::requeue()};
  controller->queue().add(1);
  sched.run_until(1.0);
  EXPECT_EQ(controller->queue().num_requeues(1), 1);  // not forgotten
  sched.run();
  EXPECT_EQ(limiter->whens, 2);
  EXPECT_EQ(starts(1), (std::vector<double>{0.0, 3.5, 7.0}));
  EXPECT_EQ(by_result(Kind::kRequeue), 2u);
  EXPECT_EQ(controller->stats().errors_total, 0u);
}

TEST_F(ControllerTest, SuccessForgetsAndDoesNotRequeue) {
  make(1);
  limiter->failures[1] = 4;
  controller->queue().add(1);
  sched.run();
  EXPECT_EQ(limiter->forgets, 1);
  EXPECT_EQ(controller->queue().num_requeues(1), 0);
  EXPECT_EQ(starts(1), (std::vector<double>{0.0}));
  EXPECT_EQ(by_result(Kind::kSuccess), 1u);
  EXPECT_EQ(controller->queue().metrics().retries_total, 0u);
}

TEST_F(ControllerTest, DoneIsCalledAfterTheResultIsHandled) {
  make(1, 0.0);  // error requeues with no delay: Add while the key is still processing
  script.results[1] = {ReconcileResult::error()};
  std::vector<std::size_t> processing_after;
  controller->set_on_reconciled([&](Key, ReconcileResult) {
    processing_after.push_back(controller->queue().processing_count());
  });
  controller->queue().add(1);
  sched.run();
  EXPECT_EQ(processing_after, (std::vector<std::size_t>{0, 0}));
  EXPECT_EQ(starts(1), (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(controller->queue().metrics().work_duration.count(), 2u);
  EXPECT_EQ(controller->queue().processing_count(), 0u);
}

TEST_F(ControllerTest, ReconcileTimeIsObservedForEveryResult) {
  make(1, 1.0);
  script.duration = 0.5;
  script.results[1] = {ReconcileResult::error(), ReconcileResult::requeue(),
                       ReconcileResult::requeue_after(1), ReconcileResult::success()};
  controller->queue().add(1);
  sched.run();
  const auto& st = controller->stats();
  EXPECT_EQ(st.reconciles_total(), 4u);
  EXPECT_EQ(st.reconcile_time.count(), 4u);
  EXPECT_DOUBLE_EQ(st.reconcile_time.sum(), 2.0);
  EXPECT_EQ(st.reconcile_seconds.count(), 4u);
  for (auto k : {Kind::kSuccess, Kind::kError, Kind::kRequeue, Kind::kRequeueAfter})
    EXPECT_EQ(by_result(k), 1u) << result_label(k);
}

TEST_F(ControllerTest, KeyReAddedWhileProcessingRunsAgainOnlyAfterDone) {
  make(2);
  controller->queue().add(7);
  sched.at(0.5, [&] { controller->queue().add(7); });
  sched.run();
  EXPECT_EQ(starts(7), (std::vector<double>{0.0, 1.0}));  // not 0.5, with a worker idle
  EXPECT_EQ(script.max_running_one_key, 1);
}

TEST_F(ControllerTest, NWorkersReconcileNKeysConcurrently) {
  make(3);
  for (Key k = 0; k < 7; ++k) controller->queue().add(k);
  sched.run();
  std::vector<double> s;
  for (const auto& sp : script.spans) s.push_back(sp.start);
  std::sort(s.begin(), s.end());
  EXPECT_EQ(s, (std::vector<double>{0, 0, 0, 1, 1, 1, 2}));
  EXPECT_EQ(script.max_running, 3);
  EXPECT_DOUBLE_EQ(sched.now(), 3.0);
}

TEST_F(ControllerTest, ActiveWorkersCountsReconcilesInProgress) {
  make(4);
  for (Key k = 0; k < 3; ++k) controller->queue().add(k);
  sched.run_until(0.5);
  EXPECT_EQ(controller->active_workers(), 3);
  EXPECT_EQ(controller->workers(), 4);
  sched.run();
  EXPECT_EQ(script.max_active_seen, 3);
  EXPECT_EQ(controller->active_workers(), 0);
}

TEST_F(ControllerTest, DepthPeakRecordsTheLargestQueueAndWhenFirstReached) {
  make(1);
  for (Key k = 0; k < 3; ++k) controller->queue().add(k);
  sched.at(10, [&] { controller->queue().add(5); });  // smaller than the peak
  sched.run();
  const auto& st = controller->stats();
  EXPECT_EQ(st.depth_peak, 3u);
  EXPECT_DOUBLE_EQ(st.depth_peak_at, 0.0);
}

TEST_F(ControllerTest, DrainedAtIsWhenTheQueueFirstEmptiesAfterThePeak) {
  make(1);
  for (Key k = 0; k < 3; ++k) controller->queue().add(k);
  sched.at(10, [&] { controller->queue().add(5); });
  sched.run();
  // Keys got at 0, 1, 2: the queue is empty after the get at 2; later adds below the
  // peak do not move it.
  EXPECT_DOUBLE_EQ(controller->stats().drained_at, 2.0);
}

TEST_F(ControllerTest, NewPeakResetsDrainedAt) {
  make(1);
  for (Key k = 0; k < 2; ++k) controller->queue().add(k);
  sched.at(10, [&] {
    for (Key k = 10; k < 14; ++k) controller->queue().add(k);
  });
  sched.run_until(11.5);
  const auto& st = controller->stats();
  EXPECT_EQ(st.depth_peak, 4u);  // four keys pushed at 10 before the worker wakes
  EXPECT_DOUBLE_EQ(st.depth_peak_at, 10.0);
  EXPECT_DOUBLE_EQ(st.drained_at, -1.0);  // not yet drained since the new peak
  sched.run();
  EXPECT_DOUBLE_EQ(st.drained_at, 13.0);  // gets at 10, 11, 12, 13
}

TEST_F(ControllerTest, DrainedAtStaysUnsetWhileNothingWasQueued) {
  make(1);
  sched.run();
  EXPECT_EQ(controller->stats().depth_peak, 0u);
  EXPECT_DOUBLE_EQ(controller->stats().drained_at, -1.0);
}

TEST(ReconcileResultTest, LabelsAreControllerRuntimes) {
  EXPECT_STREQ(result_label(ReconcileResult::Kind::kSuccess), "success");
  EXPECT_STREQ(result_label(ReconcileResult::Kind::kError), "error");
  EXPECT_STREQ(result_label(ReconcileResult::Kind::kRequeue), "requeue");
  EXPECT_STREQ(result_label(ReconcileResult::Kind::kRequeueAfter), "requeue_after");
}

TEST(ReconcileResultTest, NonPositiveRequeueAfterIsSuccess) {
  EXPECT_EQ(ReconcileResult::requeue_after(0).kind, ReconcileResult::Kind::kSuccess);
  EXPECT_EQ(ReconcileResult::requeue_after(-1).kind, ReconcileResult::Kind::kSuccess);
  EXPECT_EQ(ReconcileResult::requeue_after(2).kind, ReconcileResult::Kind::kRequeueAfter);
}
