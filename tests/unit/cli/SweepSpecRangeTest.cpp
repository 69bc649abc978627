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

// Loads a sweep over the example scenario whose one parameter is `parameter` = `range`.
SweepSpec load_with(const std::string& parameter, const std::string& range) {
  const fs::path file = fs::temp_directory_path() /
                        ("fleetsim-sweep-range-test-" + std::to_string(getpid()) + ".json");
  std::ofstream(file) << "{\"base\": \"" << SOURCE_ROOT
                      << "/scenarios/examples/fleet-sync.json\", \"parameters\": {\"" << parameter
                      << "\": " << range << "}}";
  struct Removed {
    fs::path path;
    ~Removed() { fs::remove(path); }
  } removed{file};  // also when load throws
  return SweepSpec::load(file.string());
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

}  // namespace
