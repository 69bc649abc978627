// SweepSpec: parameter ranges (expanded as documented in docs/sweeps.md) and the objective's
// order of points (the minimized parameter's value, or its list position for strings).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/SweepSpec.hpp"
#include "scenario/InputError.hpp"

using fleetsim::cli::SweepSpec;

namespace {

namespace fs = std::filesystem;

// Loads a sweep over the example scenario with `parameters` (a JSON object's text) and
// `more` top-level members (text, e.g. an objective).
SweepSpec load_sweep(const std::string& parameters, const std::string& more = "") {
  const fs::path file = fs::temp_directory_path() /
                        ("fleetsim-sweep-spec-test-" + std::to_string(getpid()) + ".json");
  std::ofstream(file) << "{\"base\": \"" << SOURCE_ROOT
                      << "/scenarios/examples/fleet-sync.json\", \"parameters\": " << parameters
                      << (more.empty() ? "" : ", " + more) << "}";
  struct Removed {
    fs::path path;
    ~Removed() { fs::remove(path); }
  } removed{file};  // also when load throws
  return SweepSpec::load(file.string());
}

// Loads a sweep whose one parameter is `parameter` = `range`.
SweepSpec load_with(const std::string& parameter, const std::string& range) {
  return load_sweep("{\"" + parameter + "\": " + range + "}");
}

std::string values_of(const SweepSpec& spec) {
  return SweepSpec::Json(spec.parameters().front().values).dump();
}

TEST(SweepSpecRange, ArithmeticIntegerRangeIncludesBothEnds) {
  EXPECT_EQ(values_of(load_with("controllers.cluster-sync.workers",
                                R"({"from": 2, "to": 8, "step": 3})")),
            "[2,5,8]");
}

TEST(SweepSpecRange, ArithmeticFractionalStepsAreRoundedToNineDecimals) {
  EXPECT_EQ(values_of(load_with("fleet.unreachable_fraction",
                                R"({"from": 0.1, "to": 0.3, "step": 0.1})")),
            "[0.1,0.2,0.3]");
}

TEST(SweepSpecRange, GeometricRangeMultipliesUpToTheEnd) {
  EXPECT_EQ(values_of(load_with("controllers.cluster-sync.workers",
                                R"({"from": 1, "to": 10, "factor": 2})")),
            "[1,2,4,8]");
}

TEST(SweepSpecRange, RangeNeedsExactlyOneOfStepAndFactor) {
  EXPECT_THROW(load_with("controllers.cluster-sync.workers",
                         R"({"from": 1, "to": 8, "step": 1, "factor": 2})"),
               fleetsim::scenario::InputError);
}

// Two environment models (strings) listed from cheapest, then workers: p0000..p0003.
const char* const kMachines =
    R"({"environment": ["hive-2020-m4xlarge", "hive-2020-c5-24xlarge"],
        "controllers.cluster-sync.workers": [2, 3]})";

TEST(SweepSpecObjective, MinimizedStringParameterCostsItsListPosition) {
  const SweepSpec spec = load_sweep(kMachines);  // default objective: the first parameter
  EXPECT_EQ(spec.minimize(), "environment");
  EXPECT_EQ(spec.point_cost(0), 0.0);  // m4xlarge, 2 workers
  EXPECT_EQ(spec.point_cost(1), 0.0);  // m4xlarge, 3 workers
  EXPECT_EQ(spec.point_cost(2), 1.0);  // c5-24xlarge, 2 workers
  EXPECT_EQ(spec.point_cost(3), 1.0);
}

TEST(SweepSpecObjective, CheapestFirstFollowsTheStringListThenTheOtherParameters) {
  EXPECT_EQ(load_sweep(kMachines).cheapest_first(), (std::vector<std::size_t>{0, 1, 2, 3}));
  // Machines second: p0 = (2, m4), p1 = (2, c5), p2 = (3, m4), p3 = (3, c5).
  const SweepSpec second = load_sweep(
      R"({"controllers.cluster-sync.workers": [2, 3],
          "environment": ["hive-2020-m4xlarge", "hive-2020-c5-24xlarge"]})",
      R"("objective": {"minimize": "environment"})");
  EXPECT_EQ(second.cheapest_first(), (std::vector<std::size_t>{0, 2, 1, 3}));
}

TEST(SweepSpecObjective, MinimizedNumericParameterCostsItsValue) {
  const SweepSpec spec = load_with("controllers.cluster-sync.workers", "[2, 5, 8]");
  EXPECT_EQ(spec.point_cost(1), 5.0);
  EXPECT_EQ(spec.cheapest_first(), (std::vector<std::size_t>{0, 1, 2}));
}

}  // namespace
