// load_scenario and environment models: what a scenario inherits from models/NAME.json,
// what wins over it (the scenario's own values, every --set), and `--set environment=NAME`,
// which must pick the model the scenario is built on (it was applied after the merge, and
// so changed nothing but the recorded name).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scenario/InputError.hpp"
#include "scenario/Scenario.hpp"

using namespace fleetsim::scenario;
namespace fs = std::filesystem;

namespace {

// A directory with models/small.json (4 cores), models/big.json (96 cores, speed 1.5) and a
// scenario on `small` that sets its own memory.
class LoaderEnvironmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("loader_env_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "models");
    std::ofstream(dir_ / "models" / "small.json")
        << R"({"description": "small", "platform": {"hosts": {"hub": {"cores": 4}}}})";
    std::ofstream(dir_ / "models" / "big.json")
        << R"({"platform": {"hosts": {"hub": {"cores": 96, "speed": 1.5, "memory": "1Gi"}}}})";
    std::ofstream(scenario()) << R"({"environment": "small",
  "platform": {"hosts": {"hub": {"memory": "8Gi"}}},
  "fleet": {"clusters": 10, "adoption": {"existing": true}},
  "hive": {"start": "restart"},
  "controllers": {
    "syncset": {"type": "hive-syncset", "host": "hub"},
    "ssi": {"type": "hive-syncsetinstance", "host": "hub"}}})";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string scenario() const { return (dir_ / "s.json").string(); }
  nlohmann::json hub(const std::vector<std::string>& sets = {}) const {
    return load_scenario(scenario(), sets).resolved["platform"]["hosts"]["hub"];
  }

  fs::path dir_;
};

TEST_F(LoaderEnvironmentTest, ScenarioInheritsItsEnvironmentModel) {
  EXPECT_EQ(hub()["cores"], 4);
  EXPECT_EQ(hub()["speed"], 1.0);  // the schema default: small.json does not set it
}

TEST_F(LoaderEnvironmentTest, ScenarioOwnValuesWinOverTheModel) {
  EXPECT_EQ(hub()["memory"], "8Gi");
  EXPECT_EQ(hub({"environment=big"})["memory"], "8Gi");
}

TEST_F(LoaderEnvironmentTest, SetEnvironmentPicksAnotherModel) {
  const auto sc = load_scenario(scenario(), {"environment=big"});
  EXPECT_EQ(sc.resolved["environment"], "big");
  EXPECT_EQ(sc.resolved["platform"]["hosts"]["hub"]["cores"], 96);
  EXPECT_EQ(sc.resolved["platform"]["hosts"]["hub"]["speed"], 1.5);
}

TEST_F(LoaderEnvironmentTest, OtherSetsWinOverASetEnvironmentInAnyOrder) {
  EXPECT_EQ(hub({"platform.hosts.hub.cores=8", "environment=big"})["cores"], 8);
  EXPECT_EQ(hub({"environment=big", "platform.hosts.hub.cores=8"})["cores"], 8);
}

TEST_F(LoaderEnvironmentTest, SetEnvironmentToAMissingModelIsLocatedAtItsSet) {
  try {
    load_scenario(scenario(), {"platform.hosts.hub.cores=8", "environment=nope"});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.where.file, "--set");
    EXPECT_EQ(d.where.line, 2);
    EXPECT_EQ(d.where.column, 13);
    EXPECT_EQ(d.path, "environment");
    EXPECT_NE(d.message.find("no environment model \"nope\""), std::string::npos) << d.message;
  }
}

}  // namespace
