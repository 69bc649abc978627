// The Prometheus text parser: text 0.0.4 and OpenMetrics, escapes, special values,
// timestamps, exemplars, and errors at their line and column.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "calibrate/PrometheusText.hpp"

namespace fleetsim::calibrate {
namespace {

PromExposition parse(std::string_view t) {
  return PrometheusText::parse(t);
}

// The error of parsing `t`, as "LINE:COL: message".
std::string error_of(std::string_view t) {
  try {
    PrometheusText::parse(t);
  } catch (const PrometheusTextError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PrometheusText, ReadsFamiliesWithHelpTypeAndSamples) {
  const auto e = parse(
      "# HELP workqueue_depth Current depth of workqueue\n"
      "# TYPE workqueue_depth gauge\n"
      "workqueue_depth{name=\"a\"} 3\n"
      "workqueue_depth{name=\"b\",} 4.5\n"
      "# TYPE rest_client_requests_total counter\n"
      "rest_client_requests_total{code=\"200\",host=\"h:443\",method=\"GET\"} 1e+06\n");
  ASSERT_EQ(e.families.size(), 2u);
  EXPECT_FALSE(e.openmetrics);
  const auto& d = e.families[0];
  EXPECT_EQ(d.name, "workqueue_depth");
  EXPECT_EQ(d.type, "gauge");
  EXPECT_EQ(d.help, "Current depth of workqueue");
  ASSERT_EQ(d.samples.size(), 2u);
  EXPECT_EQ(*d.samples[1].label("name"), "b");
  EXPECT_DOUBLE_EQ(d.samples[1].value, 4.5);
  EXPECT_EQ(d.samples[1].line, 4);
  EXPECT_DOUBLE_EQ(e.family("rest_client_requests_total")->samples[0].value, 1e6);
  EXPECT_EQ(e.family("rest_client_requests_total")->samples[0].labels.size(), 3u);
}

TEST(PrometheusText, AcceptsUtf8InLabelValuesAndHelp) {
  const auto e =
      parse("# HELP x Dauer \xc3\xa4 \xe2\x82\xac \xf0\x9f\x98\x80\nx{p=\"\xc3\xa4\"} 1\n");
  EXPECT_EQ(*e.families[0].samples[0].label("p"), "\xc3\xa4");
}

TEST(PrometheusText, UnescapesLabelValuesAndHelp) {
  const auto e = parse(
      "# HELP x A \\\\ path\\nsecond line\n"
      "x{p=\"C:\\\\dir\\\\\\\"q\\\"\\n2\"} 1\n");
  EXPECT_EQ(e.families[0].help, "A \\ path\nsecond line");
  // \" is an escape of OpenMetrics HELP only.
  EXPECT_EQ(parse("# HELP x say \\\"hi\\\"\n").families[0].help, "say \\\"hi\\\"");
  EXPECT_EQ(*e.families[0].samples[0].label("p"), "C:\\dir\\\"q\"\n2");
}

TEST(PrometheusText, ReadsInfinitiesNaNAndSigns) {
  const auto e = parse("a +Inf\nb -Inf\nc NaN\nd inf\ne -1.5e-3\nf +7\n");
  EXPECT_EQ(e.families[0].samples[0].value, std::numeric_limits<double>::infinity());
  EXPECT_EQ(e.families[1].samples[0].value, -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(e.families[2].samples[0].value));
  EXPECT_EQ(e.families[3].samples[0].value, std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(e.families[4].samples[0].value, -1.5e-3);
  EXPECT_DOUBLE_EQ(e.families[5].samples[0].value, 7);
  EXPECT_EQ(*PrometheusText::parse_value("+Inf"), std::numeric_limits<double>::infinity());
  EXPECT_FALSE(PrometheusText::parse_value("1.0.0"));
  EXPECT_FALSE(PrometheusText::parse_value("--1"));
  EXPECT_FALSE(PrometheusText::parse_value(""));
}

TEST(PrometheusText, TimestampsAreMillisecondsInText004AndSecondsInOpenMetrics) {
  EXPECT_DOUBLE_EQ(*parse("a 1 1594857600000\n").families[0].samples[0].timestamp, 1594857600);
  EXPECT_DOUBLE_EQ(*parse("a 1 1594857600.5\n# EOF\n").families[0].samples[0].timestamp,
                   1594857600.5);
  EXPECT_FALSE(parse("a 1\n").families[0].samples[0].timestamp);
}

TEST(PrometheusText, OpenMetricsSuffixesUnitsAndExemplars) {
  const auto e = parse(
      "# TYPE rpc_seconds histogram\n"
      "# UNIT rpc_seconds seconds\n"
      "# HELP rpc_seconds RPC \\\"latency\\\"\n"
      "rpc_seconds_bucket{le=\"0.1\"} 8 # {trace_id=\"abc\"} 0.067 1520879607.789\n"
      "rpc_seconds_bucket{le=\"+Inf\"} 10\n"
      "rpc_seconds_sum 1.5\n"
      "rpc_seconds_count 10\n"
      "rpc_seconds_created 1520430000.123\n"
      "# TYPE jobs counter\n"
      "jobs_total 3\n"
      "jobs_created 1520430000\n"
      "# EOF\n");
  EXPECT_TRUE(e.openmetrics);
  ASSERT_EQ(e.families.size(), 2u);
  EXPECT_EQ(e.families[0].unit, "seconds");
  EXPECT_EQ(e.families[0].help, "RPC \"latency\"");
  EXPECT_EQ(e.families[0].samples.size(), 5u);
  EXPECT_DOUBLE_EQ(e.families[0].samples[0].value, 8);
  EXPECT_FALSE(e.families[0].samples[0].timestamp);
  EXPECT_EQ(e.families[1].samples.size(), 2u);
}

TEST(PrometheusText, SampleOutsideTheCurrentFamilyOpensAnUntypedOne) {
  const auto e = parse("# TYPE a gauge\na 1\nb 2\na 3\n");
  ASSERT_EQ(e.families.size(), 2u);
  EXPECT_EQ(e.families[1].name, "b");
  EXPECT_EQ(e.families[1].type, "untyped");
  EXPECT_EQ(e.families[0].samples.size(), 2u);  // a 3 goes back to a's family
}

TEST(PrometheusText, CommentsBlankLinesAndCarriageReturnsAreSkipped) {
  const auto e = parse("# just a comment\n\n  \r\na{x=\"1\"} 2\r\n#TYPE not a keyword\n");
  ASSERT_EQ(e.families.size(), 1u);
  EXPECT_DOUBLE_EQ(e.families[0].samples[0].value, 2);
}

TEST(PrometheusText, ErrorsNameLineAndColumn) {
  EXPECT_EQ(error_of("a 1\nfoo{bar=\"x} 1\n"), "2:9: label value not closed by '\"'");
  EXPECT_EQ(error_of("foo{bar=\"a\\qb\"} 1"),
            "1:11: invalid escape sequence in a label value (only \\\\, \\\" and \\n)");
  EXPECT_EQ(error_of("foo 1 2 3"), "1:9: unexpected text after the sample value");
  EXPECT_EQ(error_of("foo abc"), "1:5: invalid value \"abc\"");
  EXPECT_EQ(error_of("foo 1 12x"), "1:7: invalid timestamp \"12x\"");
  EXPECT_EQ(error_of("foo{1a=\"x\"} 1"), "1:5: expected a label name or '}'");
  EXPECT_EQ(error_of("foo{a=\"x\",a=\"y\"} 1"), "1:11: duplicate label \"a\"");
  EXPECT_EQ(error_of("foo{a \"x\"} 1"), "1:7: expected '=' after label name \"a\"");
  EXPECT_EQ(error_of("foo{a=x} 1"), "1:7: expected '\"' to start a label value");
  EXPECT_EQ(error_of("foo{a=\"x\" b=\"y\"} 1"), "1:11: expected ',' or '}' after a label value");
  EXPECT_EQ(error_of("foo{a=\"x\"}1"), "1:11: expected a blank after '}'");
  EXPECT_EQ(error_of("foo"), "1:4: expected a value");
  EXPECT_EQ(error_of("fo-o 1"), "1:3: unexpected character in a metric name");
  EXPECT_EQ(error_of("9foo 1"), "1:1: expected a metric name");
  EXPECT_EQ(error_of("# TYPE foo bogus"), "1:12: unknown metric type \"bogus\"");
  EXPECT_EQ(error_of("# TYPE foo gauge extra"), "1:18: unexpected text after the metric type");
  EXPECT_EQ(error_of("# TYPE foo gauge\n# TYPE foo gauge"), "2:3: second TYPE line for \"foo\"");
  EXPECT_EQ(error_of("# HELP foo a\n# HELP foo b"), "2:3: second HELP line for \"foo\"");
  EXPECT_EQ(error_of("foo 1\n# TYPE foo gauge"), "2:3: TYPE line for \"foo\" after its samples");
  EXPECT_EQ(error_of("# HELP"), "1:7: expected a metric name after # HELP");
  EXPECT_EQ(error_of("# EOF\nfoo 1\n"), "2:1: text after \"# EOF\"");
  EXPECT_EQ(error_of("foo 1 # {a=\"b\"} 1"), "1:7: unexpected text after the sample value");
  EXPECT_EQ(error_of("foo{a=\"ok\xb0\"} 1"), "1:10: invalid UTF-8 in a label value");
  EXPECT_EQ(error_of("foo{a=\"\xed\xa0\x80\"} 1"), "1:8: invalid UTF-8 in a label value");
  EXPECT_EQ(error_of("# HELP foo caf\xc3"), "1:15: invalid UTF-8 in # HELP");
}

TEST(PrometheusText, ErrorCarriesLineColumnAndMessage) {
  try {
    PrometheusText::parse("ok 1\nbad value\n");
    FAIL();
  } catch (const PrometheusTextError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 5);
    EXPECT_EQ(e.message(), "invalid value \"value\"");
  }
}

TEST(PrometheusText, AnyInputEitherParsesOrThrowsAParseError) {
  // A seeded mutation loop over a valid scrape (the libFuzzer harness does this at scale).
  const std::string seed =
      "# HELP h Help \\\\ text\n# TYPE h histogram\n"
      "h_bucket{le=\"0.1\",x=\"a\\\"b\"} 1 1594857600000\nh_bucket{le=\"+Inf\"} 2\n"
      "h_sum 0.3\nh_count 2\n# EOF\n";
  std::mt19937 rng(9);
  const std::string alphabet = "{}=\",# \\\n+-.eE0123456789abcINFNaN_le";
  for (int i = 0; i < 20000; ++i) {
    std::string t = seed;
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = rng() % (t.size() + 1);
      switch (rng() % 3) {
        case 0:
          t.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
        case 1:
          if (at < t.size()) t.erase(at, 1);
          break;
        default:
          if (at < t.size()) t[at] = static_cast<char>(rng() % 256);
      }
    }
    try {
      PrometheusText::parse(t);
    } catch (const PrometheusTextError&) {
    }
  }
  SUCCEED();
}

}  // namespace
}  // namespace fleetsim::calibrate
