#include "output/Tolerances.hpp"

#include <gtest/gtest.h>

#include <string>

#include "output/ComparisonError.hpp"

using fleetsim::output::ComparisonError;
using fleetsim::output::Direction;
using fleetsim::output::Tolerances;

namespace {

// The message of the ComparisonError that parsing `text` throws ("" when it parses).
std::string error_of(const std::string& text) {
  try {
    Tolerances::parse(text, "tol.json");
  } catch (const ComparisonError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Tolerances, PatternsMatchSegments) {
  EXPECT_TRUE(Tolerances::matches("applies.seconds.p50", "applies.seconds.p50"));
  EXPECT_FALSE(Tolerances::matches("applies.seconds", "applies.seconds.p50"));
  EXPECT_TRUE(
      Tolerances::matches("controllers.*.queue_depth.peak", "controllers.a-b.queue_depth.peak"));
  EXPECT_FALSE(Tolerances::matches("controllers.*.peak", "controllers.a.queue_depth.peak"));
  EXPECT_TRUE(Tolerances::matches("controllers.**.peak", "controllers.a.queue_depth.peak"));
  EXPECT_TRUE(Tolerances::matches("**.peak", "peak"));
  EXPECT_TRUE(Tolerances::matches("**", "anything.at.all"));
  EXPECT_TRUE(Tolerances::matches("systems.hive.*_at_s", "systems.hive.first_pass_completed_at_s"));
  EXPECT_FALSE(Tolerances::matches("systems.hive.*_at_s", "systems.hive.applied_once"));
  EXPECT_TRUE(Tolerances::matches("hosts.*.cores_used.*", "hosts.hub-worker.cores_used.peak_1m"));
  EXPECT_FALSE(Tolerances::matches("hosts.*", "hosts.hub-worker.cores"));
}

TEST(Tolerances, ValidPatterns) {
  EXPECT_TRUE(Tolerances::valid_pattern("a.*.b"));
  EXPECT_TRUE(Tolerances::valid_pattern("**"));
  EXPECT_TRUE(Tolerances::valid_pattern("a.*_s"));
  EXPECT_FALSE(Tolerances::valid_pattern(""));
  EXPECT_FALSE(Tolerances::valid_pattern("a..b"));
  EXPECT_FALSE(Tolerances::valid_pattern(".a"));
  EXPECT_FALSE(Tolerances::valid_pattern("a.b."));
  EXPECT_FALSE(Tolerances::valid_pattern("a.**b"));
}

TEST(Tolerances, DefaultsAndTheDirectionTable) {
  const Tolerances t(0.1, 0.5);
  const auto r = t.rule_for("controllers.c.queue_drained_at_s");
  EXPECT_EQ(r.rel, 0.1);
  EXPECT_EQ(r.abs, 0.5);
  EXPECT_EQ(r.direction, Direction::lower);
  EXPECT_EQ(Tolerances().rule_for("applies.total").rel, 0.05);
}

TEST(Tolerances, FileOverridesInOrder) {
  const auto t = Tolerances::parse(R"(// comments are allowed
    {
      "rel": 0.02,
      "abs": 0.001,
      "figures": {
        "controllers.**": {"rel": 0.2},
        "controllers.*.queue_wait_seconds.*": {"abs": 0.5},
        "hosts.*.cores_used.peak_1m": {"direction": "lower"},
        "controllers.*.workers": {"direction": "unchanged"},
        "api_servers.**": {"direction": "ignore"},
        "run.wall_seconds": {"direction": "lower"}
      }
    })",
                                   "tol.json");
  EXPECT_EQ(t.rel(), 0.02);
  EXPECT_EQ(t.abs(), 0.001);
  auto r = t.rule_for("controllers.c.queue_wait_seconds.p99");
  EXPECT_EQ(r.rel, 0.2);  // from the first pattern
  EXPECT_EQ(r.abs, 0.5);  // from the second
  EXPECT_EQ(r.direction, Direction::lower);
  r = t.rule_for("applies.seconds.p50");
  EXPECT_EQ(r.rel, 0.02);
  EXPECT_EQ(r.abs, 0.001);
  EXPECT_EQ(t.rule_for("hosts.h.cores_used.peak_1m").direction, Direction::lower);
  EXPECT_EQ(t.rule_for("hosts.h.cores_used.mean").direction, Direction::neutral);
  EXPECT_EQ(t.rule_for("controllers.c.workers").direction, Direction::unchanged);
  EXPECT_EQ(t.rule_for("api_servers.hub.latency_seconds.p99").direction, Direction::ignore);
  // Wall-clock figures are never compared, whatever the file says.
  EXPECT_EQ(t.rule_for("run.wall_seconds").direction, Direction::ignore);
}

TEST(Tolerances, UnusedPatterns) {
  const auto t = Tolerances::parse(
      R"({"figures": {"applies.*.p50": {"rel": 1}, "controlers.**": {"rel": 1}}})", "t");
  const auto unused = t.unused_patterns({"applies.seconds.p50", "controllers.c.workers"});
  ASSERT_EQ(unused.size(), 1u);
  EXPECT_EQ(unused[0], "controlers.**");
}

TEST(Tolerances, EmptyObjectIsValid) {
  EXPECT_EQ(error_of("{}"), "");
  EXPECT_EQ(error_of(R"({"figures": {}})"), "");
}

TEST(Tolerances, PreciseErrors) {
  EXPECT_EQ(error_of("[]"), "tol.json: must be a JSON object");
  EXPECT_EQ(error_of(R"({"relative": 0.1})"),
            "tol.json: unknown key \"relative\" (expected rel, abs, figures)");
  EXPECT_EQ(error_of(R"({"rel": -0.1})"), "tol.json: rel: must be a number >= 0, got -0.1");
  EXPECT_EQ(error_of(R"({"rel": "5%"})"), "tol.json: rel: must be a number >= 0, got \"5%\"");
  EXPECT_EQ(error_of(R"({"abs": null})"), "tol.json: abs: must be a number >= 0, got null");
  EXPECT_EQ(error_of(R"({"figures": []})"),
            "tol.json: figures: must be an object of pattern: {rel, abs, direction}, got []");
  EXPECT_EQ(error_of(R"({"figures": {"a..b": {}}})"),
            "tol.json: figures.\"a..b\": not a figure pattern (dotted path with non-empty "
            "segments; * within a segment, ** only as a whole segment)");
  EXPECT_EQ(error_of(R"({"figures": {"a.b": 0.1}})"),
            "tol.json: figures.\"a.b\": must be an object with rel, abs or direction, got 0.1");
  EXPECT_EQ(error_of(R"({"figures": {"a.b": {"tolerance": 0.1}}})"),
            "tol.json: figures.\"a.b\": unknown key \"tolerance\" (expected rel, abs, direction)");
  EXPECT_EQ(error_of(R"({"figures": {"a.b": {"rel": -1}}})"),
            "tol.json: figures.\"a.b\".rel: must be a number >= 0, got -1");
  EXPECT_EQ(error_of(R"({"figures": {"a.b": {"direction": "faster"}}})"),
            "tol.json: figures.\"a.b\".direction: must be one of \"lower\", \"higher\", "
            "\"neutral\", \"unchanged\", \"ignore\", got \"faster\"");
  EXPECT_EQ(error_of("{\n  \"rel\": 0.1,\n}"),
            "tol.json: not valid JSON: parse error at line 3, column 1: syntax error while "
            "parsing object key - unexpected '}'; expected string literal");
  EXPECT_EQ(error_of(""),
            "tol.json: not valid JSON: parse error at line 1, column 1: syntax error while "
            "parsing value - unexpected end of input; expected '[', '{', or a literal");
}

TEST(Tolerances, LoadNamesTheFile) {
  try {
    Tolerances::load("/nonexistent/tol.json");
    FAIL() << "no error";
  } catch (const ComparisonError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/tol.json: no such tolerances file");
  }
}
