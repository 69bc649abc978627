#include <gtest/gtest.h>

#include <string>

#include "output/Comparison.hpp"
#include "output/JunitReport.hpp"
#include "output/MarkdownReport.hpp"

using fleetsim::output::Comparison;
using fleetsim::output::JunitReport;
using fleetsim::output::markdown_report;
using fleetsim::output::Tolerances;
using Json = Comparison::Json;

namespace {

std::size_t occurrences(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

Comparison slower() {
  const Json base = Json::parse(R"({"scenario": "a<b>&c", "fleetsim_version": "1",
      "run": {"wall_seconds": 1},
      "x": {"done_at_s": 10, "rate_per_s": {"mean": 5}, "total": 3, "name": "p|q"}})");
  Json cur = base;
  cur["x"]["done_at_s"] = 20;
  cur["x"]["rate_per_s"]["mean"] = 6;
  cur["x"]["total"] = 4;
  return Comparison(base, cur, Comparison::Mode{false, "why \"quoted\""}, Tolerances());
}

}  // namespace

TEST(MarkdownReport, RegressionsFirstThenImprovementsThenChanges) {
  const std::string md = markdown_report(slower(), "t", false);
  EXPECT_EQ(md.rfind("### ❌ t: 1 regressed\n", 0), 0u) << md;
  EXPECT_NE(md.find("| figure | baseline | current | change | verdict |"), std::string::npos);
  const auto reg = md.find("| `x.done_at_s` | 10 | 20 | +100 % | ❌ regressed (lower is better) |");
  const auto imp =
      md.find("| `x.rate_per_s.mean` | 5 | 6 | +20.0 % | ✅ improved (higher is better) |");
  const auto chg = md.find("| `x.total` | 3 | 4 | +33.3 % | changed (informative) |");
  ASSERT_NE(reg, std::string::npos) << md;
  ASSERT_NE(imp, std::string::npos) << md;
  ASSERT_NE(chg, std::string::npos) << md;
  EXPECT_LT(reg, imp);
  EXPECT_LT(imp, chg);
  EXPECT_EQ(md.find("<details>"), std::string::npos);
  EXPECT_EQ(md.find("x.name"), std::string::npos);  // unchanged figures only in the details
  EXPECT_NE(md.find("7 figures: 1 regressed, 1 improved, 1 changed, 1 same, 3 not compared."),
            std::string::npos)
      << md;
}

TEST(MarkdownReport, AllFiguresInDetailsWithCellsEscaped) {
  const std::string md = markdown_report(slower(), "t", true);
  EXPECT_NE(md.find("<details><summary>All 7 figures</summary>"), std::string::npos);
  EXPECT_NE(md.find("| `x.name` | p\\|q | p\\|q |  | same |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `run.wall_seconds` | 1 | 1 |  | not compared (wall clock) |"),
            std::string::npos);
}

TEST(MarkdownReport, NothingMoved) {
  const Json s = Json::parse(R"({"fleetsim_version": "1", "a_at_s": 1})");
  const std::string md =
      markdown_report(Comparison(s, s, Comparison::Mode{true, "why"}, Tolerances()), "t", false);
  EXPECT_EQ(md,
            "### ✅ t: no regression\n\nComparison: exact (why).\n2 figures: 1 same, 1 not "
            "compared.\n\nNo figure moved beyond its tolerance.\n");
}

TEST(JunitReport, OneTestcasePerFigureFailuresForRegressions) {
  JunitReport j;
  j.add("suite<1>", slower());
  j.add_failure("other", "run", "fleetsim run failed (exit 1)", "text & more");
  const std::string xml = j.xml();
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  EXPECT_NE(xml.find("<testsuites name=\"fleetsim\" tests=\"8\" failures=\"2\" errors=\"0\" "
                     "skipped=\"3\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"suite&lt;1&gt;\" tests=\"7\" failures=\"1\""),
            std::string::npos);
  EXPECT_EQ(occurrences(xml, "<testcase "), 8u);
  EXPECT_EQ(occurrences(xml, "<failure "), 2u);
  EXPECT_EQ(occurrences(xml, "<skipped "), 3u);
  EXPECT_NE(xml.find("message=\"x.done_at_s regressed: 10 -&gt; 20 (+100 %)\""), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("value=\"relative, ±5 % unless a tolerances file says otherwise (why "
                     "&quot;quoted&quot;)\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find(">text &amp; more</failure>"), std::string::npos);
  EXPECT_EQ(xml.substr(xml.size() - 14), "</testsuites>\n");
}
