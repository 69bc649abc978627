#include "cli/SweepJobManifest.hpp"

#include <gtest/gtest.h>

#include <string>

#include "cli/SweepSpec.hpp"

using fleetsim::cli::SweepJobManifest;
using fleetsim::cli::SweepSpec;

namespace {

const std::string kSweep = std::string(SOURCE_ROOT) + "/scenarios/hive/sweep-cores-workers.json";

TEST(SweepJobManifest, DefaultNameDropsSweepPrefixAndLowersCase) {
  EXPECT_EQ(SweepJobManifest::default_name("sweep-cores-workers"), "fleetsim-sweep-cores-workers");
  EXPECT_EQ(SweepJobManifest::default_name("Hive_5000"), "fleetsim-sweep-hive-5000");
}

TEST(SweepJobManifest, DefaultNameIsAtMost52CharactersWithoutTrailingDash) {
  const std::string name = SweepJobManifest::default_name(std::string(36, 'a') + "-" + "bbbbbb");
  EXPECT_EQ(name, "fleetsim-sweep-" + std::string(36, 'a'));
  EXPECT_LE(name.size(), 52u);
}

TEST(SweepJobManifest, YamlIsAnIndexedJobWithOneCompletionPerShard) {
  SweepJobManifest job;
  job.sweep_file = "scenarios/hive/sweep-cores-workers.json";
  job.shards = 4;
  const std::string y = job.yaml(SweepSpec::load(kSweep));
  EXPECT_NE(y.find("kind: Job\n"), std::string::npos);
  EXPECT_NE(y.find("  completionMode: Indexed\n"), std::string::npos);
  EXPECT_NE(y.find("  completions: 4\n"), std::string::npos);
  EXPECT_NE(y.find("  parallelism: 4\n"), std::string::npos);
  EXPECT_NE(y.find("  name: fleetsim-sweep-cores-workers\n"), std::string::npos);
  EXPECT_NE(y.find("--shard $JOB_COMPLETION_INDEX/4 --jobs 1"), std::string::npos);
}

TEST(SweepJobManifest, YamlQuotesUserStrings) {
  SweepJobManifest job;
  job.sweep_file = "s.json";
  job.shards = 2;
  job.parallelism = 1;
  job.image = "reg/\"odd\"\\img";
  job.name = "given";
  const std::string y = job.yaml(SweepSpec::load(kSweep));
  EXPECT_NE(y.find("image: \"reg/\\\"odd\\\"\\\\img\"\n"), std::string::npos);
  EXPECT_NE(y.find("  parallelism: 1\n"), std::string::npos);
  EXPECT_NE(y.find("  name: given\n"), std::string::npos);
}

}  // namespace
