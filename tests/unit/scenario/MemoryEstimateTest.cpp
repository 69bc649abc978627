// MemoryEstimate: sizes (--max-memory), formatting, growth with the counts that cost memory,
// and the refusal, located at the value whose part is the largest.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include "scenario/InputError.hpp"
#include "scenario/MemoryEstimate.hpp"

using namespace fleetsim::scenario;

namespace {

// Loads `text` as a scenario file (no named models).
Scenario scenario_of(const std::string& text) {
  const std::string path =
      ::testing::TempDir() + "memory_estimate_" + std::to_string(getpid()) + ".json";
  std::ofstream(path) << text;
  Scenario sc = load_scenario(path);
  std::remove(path.c_str());
  return sc;
}

std::string hive(int clusters, int syncsets) {
  return R"({"platform": {"hosts": {"hub": {"cores": 4}}},
  "fleet": {"clusters": )" +
         std::to_string(clusters) + R"(, "adoption": {"existing": true}},
  "hive": {"selector_syncsets": )" +
         std::to_string(syncsets) + R"(, "start": "restart"},
  "controllers": {
    "syncset": {"type": "hive-syncset", "host": "hub"},
    "ssi": {"type": "hive-syncsetinstance", "host": "hub"}}})";
}

}  // namespace

TEST(MemoryEstimate, SizesAreKubernetesQuantitiesWithAnOptionalTrailingB) {
  EXPECT_EQ(parse_size("10MiB"), 10.0 * (1 << 20));
  EXPECT_EQ(parse_size("10Mi"), 10.0 * (1 << 20));
  EXPECT_EQ(parse_size("2GB"), 2e9);
  EXPECT_EQ(parse_size("512"), 512.0);
  EXPECT_THROW(parse_size("0"), std::invalid_argument);
  EXPECT_THROW(parse_size("-1Gi"), std::invalid_argument);
  EXPECT_THROW(parse_size("lots"), std::invalid_argument);
  EXPECT_THROW(parse_size("B"), std::invalid_argument);
}

TEST(MemoryEstimate, FormatsInBinaryUnits) {
  EXPECT_EQ(format_bytes(512), "512 B");
  EXPECT_EQ(format_bytes(1.5 * (1 << 20)), "1.5 MiB");
  EXPECT_EQ(format_bytes(1.2 * (1 << 30)), "1.2 GiB");
}

TEST(MemoryEstimate, GrowsWithSyncSetInstancesAbout50BytesEach) {
  const double small = estimate_memory(scenario_of(hive(1000, 10)));
  const double large = estimate_memory(scenario_of(hive(100000, 100)));
  EXPECT_GT(small, 30e6);
  EXPECT_LT(small, 60e6);
  // 10,000,000 - 10,000 SSI slots at 50 B, plus 99,000 clusters at 70 B
  EXPECT_NEAR(large - small, 9990000 * 50.0 + 99000 * 70.0, 1e3);
}

TEST(MemoryEstimate, AHorizonOverrideShortensTheSampledPart) {
  const Scenario sc = scenario_of(hive(1000, 10));
  EXPECT_LT(estimate_memory(sc, 60), estimate_memory(sc));
}

TEST(MemoryEstimate, RefusalBlamesTheLargestPartAtItsLocation) {
  const Scenario sc = scenario_of(hive(2000000000, 100));
  try {
    check_memory(sc, 1e9);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.path, "hive.selector_syncsets");
    EXPECT_EQ(d.where.line, 3);  // "hive": {"selector_syncsets": 100, ...}
    EXPECT_NE(d.message.find("estimated memory 9.2 TiB exceeds the limit 953.7 MiB (--max-memory); "
                             "the largest part is 9.1 TiB"),
              std::string::npos)
        << d.message;
  }
  EXPECT_GT(check_memory(scenario_of(hive(10, 1)), 1e9), 0);
}

TEST(MemoryEstimate, AbsurdSampleIntervalsAreRefused) {
  const Scenario sc = scenario_of(
      R"({"stop": {"when": "horizon", "horizon": "2000h"}, "output": {"sample_interval": "1ms"},
        "platform": {"hosts": {"h": {"cores": 1}}}, "fleet": {"clusters": 1},
        "controllers": {"c": {"watches": ["clusterdeployments"], "reconcile": []}},
        "api_servers": {"hub": {}}})");
  EXPECT_THROW(check_memory(sc, 16.0 * (1 << 30)), InputError);
}
