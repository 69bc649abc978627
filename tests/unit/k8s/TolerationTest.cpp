// v1.Toleration.ToleratesTaint and the TaintToleration filter, one test per rule.
#include "k8s/Toleration.hpp"

#include <gtest/gtest.h>

using namespace fleetsim::k8s;
using fleetsim::platform::Taint;

namespace {
const Taint kGpu{"nvidia.com/gpu", "present", "NoSchedule"};
}

TEST(Toleration, EqualNeedsSameKeyValueAndEffect) {
  EXPECT_TRUE(tolerates({"nvidia.com/gpu", "Equal", "present", "NoSchedule"}, kGpu));
  EXPECT_FALSE(tolerates({"nvidia.com/gpu", "Equal", "absent", "NoSchedule"}, kGpu));
  EXPECT_FALSE(tolerates({"other", "Equal", "present", "NoSchedule"}, kGpu));
}

TEST(Toleration, EmptyOperatorMeansEqual) {
  EXPECT_TRUE(tolerates({"nvidia.com/gpu", "", "present", "NoSchedule"}, kGpu));
  EXPECT_FALSE(tolerates({"nvidia.com/gpu", "", "x", "NoSchedule"}, kGpu));
}

TEST(Toleration, ExistsMatchesAnyValue) {
  EXPECT_TRUE(tolerates({"nvidia.com/gpu", "Exists", "", "NoSchedule"}, kGpu));
  EXPECT_TRUE(tolerates({"nvidia.com/gpu", "Exists", "", ""}, kGpu));
}

TEST(Toleration, EmptyKeyWithExistsMatchesEveryTaint) {
  EXPECT_TRUE(tolerates({"", "Exists", "", ""}, kGpu));
  EXPECT_TRUE(tolerates({"", "Exists", "", ""}, Taint{"a", "b", "NoExecute"}));
}

TEST(Toleration, EmptyEffectMatchesEveryEffect) {
  EXPECT_TRUE(tolerates({"nvidia.com/gpu", "Equal", "present", ""}, kGpu));
  EXPECT_TRUE(tolerates({"nvidia.com/gpu", "Equal", "present", ""},
                        Taint{"nvidia.com/gpu", "present", "NoExecute"}));
}

TEST(Toleration, DifferentEffectDoesNotMatch) {
  EXPECT_FALSE(tolerates({"nvidia.com/gpu", "Exists", "", "NoExecute"}, kGpu));
}

TEST(Toleration, UnknownOperatorMatchesNothing) {
  EXPECT_FALSE(tolerates({"nvidia.com/gpu", "In", "present", "NoSchedule"}, kGpu));
}

TEST(TaintTolerationFilter, NoScheduleAndNoExecuteNeedATolerationPreferNoScheduleDoesNot) {
  EXPECT_FALSE(tolerates_node({}, {kGpu}));
  EXPECT_FALSE(tolerates_node({}, {Taint{"k", "v", "NoExecute"}}));
  EXPECT_TRUE(tolerates_node({}, {Taint{"k", "v", "PreferNoSchedule"}}));
  EXPECT_TRUE(tolerates_node({}, {}));
}

TEST(TaintTolerationFilter, EveryTaintMustBeTolerated) {
  const std::vector<Taint> taints{kGpu, Taint{"dedicated", "core", "NoSchedule"}};
  EXPECT_FALSE(tolerates_node({{"nvidia.com/gpu", "Exists", "", ""}}, taints));
  EXPECT_TRUE(tolerates_node(
      {{"nvidia.com/gpu", "Exists", "", ""}, {"dedicated", "Equal", "core", "NoSchedule"}},
      taints));
}
