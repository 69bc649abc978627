// Unit tests of the HPA rules, one per rule, on the ManualScheduler (no engine).
#include "k8s/HorizontalPodAutoscaler.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "engine/ManualScheduler.hpp"

namespace fleetsim::k8s {
namespace {

// `ready` replicas all at `util` (fraction of the request).
HpaObservation all_at(int ready, double util, int unready = 0) {
  return HpaObservation{ready + unready, ready, unready, util * ready};
}

struct Fixture {
  engine::ManualScheduler sched;
  HorizontalPodAutoscaler hpa;
  explicit Fixture(HpaConfig c = {2, 10, 0.7, 15, 0.1, 300})
      : hpa(
            sched, c, [] { return HpaObservation{}; }, [](int) {}) {}
};

TEST(HorizontalPodAutoscaler, DesiredIsCeilOfCurrentTimesRatio) {
  Fixture f;
  // 3 replicas at 140 % of a 70 % target: ratio 2 -> 6.
  EXPECT_EQ(f.hpa.recommend(all_at(3, 1.4)), 6);
  // 4 replicas at 0.9 / 0.7 = 1.2857 -> ceil(5.14) = 6.
  EXPECT_EQ(f.hpa.recommend(all_at(4, 0.9)), 6);
  // 4 replicas at 0.35: ratio 0.5 -> 2.
  EXPECT_EQ(f.hpa.recommend(all_at(4, 0.35)), 2);
}

TEST(HorizontalPodAutoscaler, NoChangeWithinTolerance) {
  Fixture f;
  EXPECT_EQ(f.hpa.recommend(all_at(5, 0.7 * 1.09)), 5);  // ratio 1.09
  EXPECT_EQ(f.hpa.recommend(all_at(5, 0.7 * 0.91)), 5);  // ratio 0.91
  EXPECT_EQ(f.hpa.recommend(all_at(5, 0.7 * 1.12)), 6);  // ratio 1.12: ceil(5.6)
}

TEST(HorizontalPodAutoscaler, ClampsToMinAndMax) {
  Fixture f;
  EXPECT_EQ(f.hpa.sync(all_at(4, 7.0)), 10);  // ratio 10 -> 40, max 10
  Fixture g;
  EXPECT_EQ(g.hpa.sync(all_at(2, 0.01)), 2);  // -> 1, min 2
}

TEST(HorizontalPodAutoscaler, UnreadyReplicasCountAsZeroWhenScalingUp) {
  Fixture f;
  // 2 ready at 1.4 (ratio 2), 2 starting: ratio over 4 = 1.0 -> no change.
  EXPECT_EQ(f.hpa.recommend(all_at(2, 1.4, 2)), 4);
  // 2 ready at 2.1 (ratio 3), 2 starting: 4.2 / 4 / 0.7 = 1.5 -> 6.
  EXPECT_EQ(f.hpa.recommend(all_at(2, 2.1, 2)), 6);
}

TEST(HorizontalPodAutoscaler, ScaleDownWaitsForTheStabilisationWindow) {
  Fixture f;
  EXPECT_EQ(f.hpa.sync(all_at(8, 0.7)), 8);  // t = 0: recommendation 8
  for (int k = 1; k <= 20; ++k) {            // t = 15 .. 300: low load
    f.sched.run_until(15.0 * k);
    EXPECT_EQ(f.hpa.sync(all_at(8, 0.175)), 8) << "t = " << 15 * k;  // recommendation 2
  }
  f.sched.run_until(315);  // the 8 of t = 0 leaves the window
  EXPECT_EQ(f.hpa.sync(all_at(8, 0.175)), 2);
}

TEST(HorizontalPodAutoscaler, ScaleUpIsImmediate) {
  Fixture f;
  EXPECT_EQ(f.hpa.sync(all_at(2, 0.1)), 2);
  f.sched.run_until(15);
  EXPECT_EQ(f.hpa.sync(all_at(2, 1.4)), 4);
}

TEST(HorizontalPodAutoscaler, SyncsEveryPeriodAndScales) {
  engine::ManualScheduler sched;
  std::vector<std::pair<double, int>> scaled;
  int current = 2;
  HorizontalPodAutoscaler hpa(
      sched, HpaConfig{2, 10, 0.7, 15, 0.1, 300}, [&] { return all_at(current, 1.4); },
      [&](int n) {
        scaled.emplace_back(sched.now(), n);
        current = n;
      });
  hpa.start();
  sched.run_until(50);
  EXPECT_EQ(hpa.syncs(), 3);  // t = 15, 30, 45
  ASSERT_EQ(scaled.size(), 3u);
  EXPECT_EQ(scaled[0], std::make_pair(15.0, 4));
  EXPECT_EQ(scaled[1], std::make_pair(30.0, 8));
  EXPECT_EQ(scaled[2], std::make_pair(45.0, 10));
}

}  // namespace
}  // namespace fleetsim::k8s
