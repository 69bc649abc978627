#include "output/Comparison.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "output/ComparisonError.hpp"

using fleetsim::output::Comparison;
using fleetsim::output::ComparisonError;
using fleetsim::output::Tolerances;
using Json = Comparison::Json;
using Verdict = Comparison::Verdict;

namespace {

const Comparison::Mode kExact{true, "test"};
const Comparison::Mode kRelative{false, "test"};

Json summary() {
  return Json::parse(R"({
    "scenario": "s", "seed": 7, "fleetsim_version": "0.1.0",
    "virtual_seconds": 100.0, "complete": true, "stop_reason": "first_pass",
    "run": {"wall_seconds": 1.5, "events": 10},
    "controllers": {"c": {
      "workers": 5,
      "reconciles_total": 200,
      "reconcile_rate_per_s": {"mean": 2.0},
      "queue_drained_at_s": 50.0,
      "queue_wait_seconds": {"p50": 0.0, "mean": 1.0}
    }},
    "systems": {"x": {"era": "a"}}
  })");
}

const Comparison::Row& row(const Comparison& c, const std::string& figure) {
  for (const auto& r : c.rows())
    if (r.figure == figure) return r;
  throw std::runtime_error("no row " + figure);
}

Verdict verdict(const Json& base, const Json& cur, const std::string& figure,
                const Comparison::Mode& mode = kRelative, const Tolerances& t = Tolerances()) {
  return row(Comparison(base, cur, mode, t), figure).verdict;
}

Json with(const std::string& pointer, const Json& value) {
  Json s = summary();
  s[Json::json_pointer(pointer)] = value;
  return s;
}

}  // namespace

TEST(Comparison, FlattenInDocumentOrder) {
  const auto flat =
      Comparison::flatten(Json::parse(R"({"b": 1, "a": {"y": null, "x": [true, "s"]}, "e": {}})"));
  ASSERT_EQ(flat.size(), 4u);
  EXPECT_EQ(flat[0].first, "b");
  EXPECT_EQ(flat[1].first, "a.y");
  EXPECT_EQ(flat[2].first, "a.x.0");
  EXPECT_EQ(flat[3].first, "a.x.1");
}

TEST(Comparison, IdenticalSummariesAreTheSame) {
  const Comparison c(summary(), summary(), kExact, Tolerances());
  EXPECT_FALSE(c.regressed());
  EXPECT_EQ(c.count(Verdict::same) + c.count(Verdict::not_compared), c.rows().size());
  EXPECT_EQ(c.count(Verdict::not_compared), 5u);  // scenario, seed, version, run.*
  EXPECT_EQ(c.scenario(), "s");
}

TEST(Comparison, ExactModeJudgesEveryDifference) {
  const Json slower = with("/controllers/c/queue_drained_at_s", 50.0001);
  EXPECT_EQ(verdict(summary(), slower, "controllers.c.queue_drained_at_s", kExact),
            Verdict::regressed);
  EXPECT_EQ(verdict(summary(), slower, "controllers.c.queue_drained_at_s", kRelative),
            Verdict::within);
  EXPECT_EQ(verdict(slower, summary(), "controllers.c.queue_drained_at_s", kExact),
            Verdict::improved);
}

TEST(Comparison, RelativeModeUsesTheTolerance) {
  const std::string f = "controllers.c.queue_drained_at_s";
  EXPECT_EQ(verdict(summary(), with("/controllers/c/queue_drained_at_s", 52.5), f),
            Verdict::within);  // exactly 5 %
  EXPECT_EQ(verdict(summary(), with("/controllers/c/queue_drained_at_s", 52.6), f),
            Verdict::regressed);
  EXPECT_EQ(verdict(summary(), with("/controllers/c/queue_drained_at_s", 40.0), f),
            Verdict::improved);
  EXPECT_EQ(verdict(summary(), with("/controllers/c/queue_drained_at_s", 52.6), f, kRelative,
                    Tolerances(0.1)),
            Verdict::within);
  EXPECT_EQ(verdict(summary(), with("/controllers/c/queue_drained_at_s", 60.0), f, kRelative,
                    Tolerances(0, 10)),
            Verdict::within);  // absolute tolerance
}

TEST(Comparison, DirectionDecidesRegressionOrImprovement) {
  const std::string rate = "controllers.c.reconcile_rate_per_s.mean";
  EXPECT_EQ(verdict(summary(), with("/controllers/c/reconcile_rate_per_s/mean", 1.0), rate),
            Verdict::regressed);  // lower throughput
  EXPECT_EQ(verdict(summary(), with("/controllers/c/reconcile_rate_per_s/mean", 3.0), rate),
            Verdict::improved);
  const std::string wait = "controllers.c.queue_wait_seconds.mean";
  EXPECT_EQ(verdict(summary(), with("/controllers/c/queue_wait_seconds/mean", 2.0), wait),
            Verdict::regressed);  // higher latency
  EXPECT_EQ(verdict(summary(), with("/controllers/c/queue_wait_seconds/mean", 0.5), wait),
            Verdict::improved);
  EXPECT_EQ(verdict(summary(), with("/virtual_seconds", 200.0), "virtual_seconds"),
            Verdict::regressed);  // longer to reach the stop
}

TEST(Comparison, NeutralFiguresChangeWithoutRegressing) {
  const Json cur = with("/controllers/c/reconciles_total", 400);
  const Comparison c(summary(), cur, kRelative, Tolerances());
  EXPECT_EQ(row(c, "controllers.c.reconciles_total").verdict, Verdict::changed);
  EXPECT_EQ(row(c, "controllers.c.reconciles_total").change, "+100 %");
  EXPECT_FALSE(c.regressed());
  const Json era = with("/systems/x/era", "b");
  EXPECT_EQ(verdict(summary(), era, "systems.x.era"), Verdict::changed);
  EXPECT_EQ(verdict(summary(), with("/stop_reason", "horizon"), "stop_reason"), Verdict::changed);
}

TEST(Comparison, UnchangedDirectionFromATolerancesFile) {
  const auto t =
      Tolerances::parse(R"({"figures": {"**.workers": {"direction": "unchanged"}}})", "t");
  EXPECT_EQ(
      verdict(summary(), with("/controllers/c/workers", 6), "controllers.c.workers", kRelative, t),
      Verdict::regressed);
  EXPECT_EQ(
      verdict(summary(), with("/controllers/c/workers", 4), "controllers.c.workers", kRelative, t),
      Verdict::regressed);
}

TEST(Comparison, WallClockIsNeverCompared) {
  const Json cur = with("/run/wall_seconds", 1000.0);
  const Comparison c(summary(), cur, kExact, Tolerances());
  EXPECT_EQ(row(c, "run.wall_seconds").verdict, Verdict::not_compared);
  EXPECT_FALSE(c.regressed());
  EXPECT_EQ(verdict(summary(), with("/fleetsim_version", "9"), "fleetsim_version"),
            Verdict::not_compared);
}

TEST(Comparison, NullIsNever) {
  const std::string f = "controllers.c.queue_drained_at_s";
  const Json never = with("/controllers/c/queue_drained_at_s", nullptr);
  const Comparison c(summary(), never, kRelative, Tolerances());
  EXPECT_EQ(row(c, f).verdict, Verdict::regressed);
  EXPECT_EQ(row(c, f).change, "now null");
  EXPECT_TRUE(c.regressed());
  EXPECT_EQ(verdict(never, summary(), f), Verdict::improved);
  EXPECT_EQ(verdict(never, never, f), Verdict::same);
}

TEST(Comparison, BooleansCompareAsFalseBelowTrue) {
  EXPECT_EQ(verdict(summary(), with("/complete", false), "complete"), Verdict::regressed);
  EXPECT_EQ(verdict(with("/complete", false), summary(), "complete"), Verdict::improved);
}

TEST(Comparison, MissingFiguresRegressNewOnesDoNot) {
  Json cur = summary();
  cur["controllers"]["c"].erase("queue_wait_seconds");
  cur["controllers"]["d"] = Json{{"workers", 1}};
  const Comparison c(summary(), cur, kExact, Tolerances());
  EXPECT_EQ(row(c, "controllers.c.queue_wait_seconds.p50").verdict, Verdict::missing);
  EXPECT_EQ(row(c, "controllers.d.workers").verdict, Verdict::added);
  EXPECT_EQ(c.count(Verdict::missing), 2u);
  EXPECT_TRUE(c.regressed());
  // The new figure comes after the baseline's figures.
  EXPECT_EQ(c.rows().back().figure, "controllers.d.workers");
}

TEST(Comparison, ChangeText) {
  const Json cur = with("/controllers/c/queue_wait_seconds/p50", 0.25);
  const Comparison c(summary(), cur, kRelative, Tolerances());
  EXPECT_EQ(row(c, "controllers.c.queue_wait_seconds.p50").change, "+0.25");  // from 0
  EXPECT_EQ(row(c, "controllers.c.queue_wait_seconds.p50").verdict, Verdict::regressed);
  const Comparison d(summary(), with("/controllers/c/reconcile_rate_per_s/mean", 1.9), kRelative,
                     Tolerances());
  EXPECT_EQ(row(d, "controllers.c.reconcile_rate_per_s.mean").change, "-5.00 %");
  const Comparison e(summary(), with("/controllers/c/reconcile_rate_per_s/mean", 2.5), kRelative,
                     Tolerances());
  EXPECT_EQ(row(e, "controllers.c.reconcile_rate_per_s.mean").change, "+25.0 %");
}

TEST(Comparison, ModeIsExactOnlyForTheSameVersionSeedAndScenario) {
  const Json r = Json::parse(R"({"seed": 7, "controllers": {"c": {"workers": 5}}})");
  auto m = Comparison::mode_of(summary(), summary(), r, r);
  EXPECT_TRUE(m.exact);
  EXPECT_EQ(m.note, "deterministic run, same fleetsim version (0.1.0), seed and resolved scenario");
  m = Comparison::mode_of(summary(), with("/fleetsim_version", "0.2.0"), r, r);
  EXPECT_FALSE(m.exact);
  EXPECT_EQ(m.note, "fleetsim version 0.1.0 -> 0.2.0");
  Json r2 = r;
  r2["controllers"]["c"]["workers"] = 1;
  r2["seed"] = 8;
  m = Comparison::mode_of(summary(), with("/seed", 8), r, r2);
  EXPECT_FALSE(m.exact);
  EXPECT_EQ(m.note, "seed 7 -> 8; scenario changed: seed (7 -> 8), controllers.c.workers (5 -> 1)");
  r2 = r;
  r2["controllers"]["c"].erase("workers");
  r2["extra"] = true;
  m = Comparison::mode_of(summary(), summary(), r, r2);
  EXPECT_EQ(m.note, "scenario changed: controllers.c.workers (removed), extra (added)");
  m = Comparison::mode_of(summary(), with("/stop_reason", "interrupted"), r, r);
  EXPECT_FALSE(m.exact);
}

TEST(Comparison, ModeText) {
  const Comparison exact(summary(), summary(), Comparison::Mode{true, "why"}, Tolerances());
  EXPECT_EQ(exact.mode_text(), "exact (why)");
  const Comparison rel(summary(), summary(), Comparison::Mode{false, "why"}, Tolerances(0.1));
  EXPECT_EQ(rel.mode_text(), "relative, ±10 % unless a tolerances file says otherwise (why)");
}

class ComparisonDirectories : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("fleetsim-compare-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    for (const char* d : {"a", "b"}) {
      std::filesystem::create_directories(root_ / d);
      write(std::string(d) + "/summary.json", summary().dump());
      write(std::string(d) + "/scenario.resolved.json", R"({"seed": 7})");
    }
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(root_ / name) << text;
  }
  std::string error_of(const std::filesystem::path& a, const std::filesystem::path& b) {
    try {
      Comparison::of_directories(a, b, Tolerances());
    } catch (const ComparisonError& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path root_;
};

TEST_F(ComparisonDirectories, ReadsBothDirectories) {
  const auto c = Comparison::of_directories(root_ / "a", root_ / "b", Tolerances());
  EXPECT_TRUE(c.mode().exact);
  EXPECT_FALSE(c.regressed());
}

TEST_F(ComparisonDirectories, PreciseErrors) {
  const std::string a = (root_ / "a").string(), b = (root_ / "b").string();
  EXPECT_EQ(error_of(root_ / "nope", root_ / "b"),
            (root_ / "nope").string() + ": no such directory (baseline results)");
  EXPECT_EQ(error_of(root_ / "a", root_ / "a" / "summary.json"),
            a + "/summary.json: not a directory (current results)");
  std::filesystem::remove(root_ / "b" / "summary.json");
  EXPECT_EQ(error_of(root_ / "a", root_ / "b"),
            b + "/summary.json: missing (the key figures of a results directory written by "
                "fleetsim run)");
  write("b/summary.json", "{\"x\": ");
  EXPECT_EQ(error_of(root_ / "a", root_ / "b"),
            b + "/summary.json: not valid JSON: parse error at line 1, column 7: syntax error "
                "while parsing value - unexpected end of input; expected '[', '{', or a literal");
  write("b/summary.json", "{\"x\": 1}");
  EXPECT_EQ(error_of(root_ / "a", root_ / "b"),
            b + "/summary.json: not a fleetsim summary (no \"fleetsim_version\")");
  write("b/summary.json", summary().dump());
  std::filesystem::remove(root_ / "a" / "scenario.resolved.json");
  EXPECT_EQ(error_of(root_ / "a", root_ / "b"),
            a + "/scenario.resolved.json: missing (the resolved scenario of a results directory "
                "written by fleetsim run)");
}
