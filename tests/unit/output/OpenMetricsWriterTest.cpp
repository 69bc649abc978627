// Unit tests of the exposition module: exact text of both formats for a tiny registry,
// escaping, Go float formatting, timestamps, content negotiation, and metrics.om history.
#include "output/OpenMetricsWriter.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "output/MetricsHistory.hpp"
#include "stats/Histogram.hpp"

namespace fleetsim::output {
namespace {

MetricsSnapshot tiny(double time, double adds, std::vector<double> observations) {
  MetricsSnapshot s;
  s.time = time;
  s.add_family("demo_adds", "Adds.", MetricType::kCounter).add({{"name", "q"}}, adds);
  stats::Histogram h({0.5, 1});
  for (double v : observations) h.observe(v);
  s.add_family("demo_seconds", "Durations.", MetricType::kHistogram, {0.5, 1})
      .add({{"name", "q"}}, h);
  s.add_family("demo_empty", "No series: left out.", MetricType::kGauge);
  return s;
}

std::string text(const MetricsSnapshot& s, ExpositionFormat f) {
  std::ostringstream o;
  write_exposition(o, s, f);
  return o.str();
}

TEST(OpenMetricsWriter, Text004OfATinyHistogram) {
  EXPECT_EQ(text(tiny(0, 3, {0.25, 0.75, 2}), ExpositionFormat::kText004),
            "# HELP demo_adds_total Adds.\n"
            "# TYPE demo_adds_total counter\n"
            "demo_adds_total{name=\"q\"} 3\n"
            "# HELP demo_seconds Durations.\n"
            "# TYPE demo_seconds histogram\n"
            "demo_seconds_bucket{name=\"q\",le=\"0.5\"} 1\n"
            "demo_seconds_bucket{name=\"q\",le=\"1\"} 2\n"
            "demo_seconds_bucket{name=\"q\",le=\"+Inf\"} 3\n"
            "demo_seconds_sum{name=\"q\"} 3\n"
            "demo_seconds_count{name=\"q\"} 3\n");
}

TEST(OpenMetricsWriter, OpenMetricsOfATinyHistogram) {
  EXPECT_EQ(text(tiny(0, 3, {0.25, 0.75, 2.5}), ExpositionFormat::kOpenMetrics),
            "# HELP demo_adds Adds.\n"
            "# TYPE demo_adds counter\n"
            "demo_adds_total{name=\"q\"} 3.0\n"
            "# HELP demo_seconds Durations.\n"
            "# TYPE demo_seconds histogram\n"
            "demo_seconds_bucket{name=\"q\",le=\"0.5\"} 1\n"
            "demo_seconds_bucket{name=\"q\",le=\"1.0\"} 2\n"
            "demo_seconds_bucket{name=\"q\",le=\"+Inf\"} 3\n"
            "demo_seconds_sum{name=\"q\"} 3.5\n"
            "demo_seconds_count{name=\"q\"} 3\n"
            "# EOF\n");
}

TEST(OpenMetricsWriter, LabelsAreSortedByNameAndGaugesWithoutLabelsHaveNoBraces) {
  MetricsSnapshot s;
  s.add_family("g", "G.", MetricType::kGauge).add({{"z", "1"}, {"a", "2"}}, 1);
  s.add_family("h", "H.", MetricType::kGauge).add({}, 0.5);
  EXPECT_EQ(text(s, ExpositionFormat::kText004),
            "# HELP g G.\n# TYPE g gauge\ng{a=\"2\",z=\"1\"} 1\n"
            "# HELP h H.\n# TYPE h gauge\nh 0.5\n");
}

TEST(OpenMetricsWriter, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(escape_label_value("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  EXPECT_EQ(escape_help("a\\b\"c\nd", ExpositionFormat::kText004), "a\\\\b\"c\\nd");
  EXPECT_EQ(escape_help("a\\b\"c\nd", ExpositionFormat::kOpenMetrics), "a\\\\b\\\"c\\nd");
  MetricsSnapshot s;
  s.add_family("m", "Say \"hi\"\\.", MetricType::kGauge).add({{"c", "x\"y"}}, 1);
  EXPECT_EQ(text(s, ExpositionFormat::kOpenMetrics),
            "# HELP m Say \\\"hi\\\"\\\\.\n# TYPE m gauge\nm{c=\"x\\\"y\"} 1.0\n# EOF\n");
}

TEST(OpenMetricsWriter, FormatsFloatsAsGo) {
  EXPECT_EQ(format_go_float(0), "0");
  EXPECT_EQ(format_go_float(1), "1");
  EXPECT_EQ(format_go_float(-2.5), "-2.5");
  EXPECT_EQ(format_go_float(0.005), "0.005");
  EXPECT_EQ(format_go_float(0.0001), "0.0001");
  EXPECT_EQ(format_go_float(1e-05), "1e-05");
  EXPECT_EQ(format_go_float(1e-08), "1e-08");
  EXPECT_EQ(format_go_float(1000), "1000");
  EXPECT_EQ(format_go_float(123456), "123456");
  EXPECT_EQ(format_go_float(1234567), "1.234567e+06");
  EXPECT_EQ(format_go_float(1e6), "1e+06");
  EXPECT_EQ(format_go_float(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_go_float(1e100), "1e+100");
  EXPECT_EQ(format_go_float(1.0 / 0.0), "+Inf");
  EXPECT_EQ(format_go_float(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(format_go_float(0.0 / 0.0), "NaN");
  EXPECT_EQ(format_openmetrics_float(1), "1.0");
  EXPECT_EQ(format_openmetrics_float(10), "10.0");
  EXPECT_EQ(format_openmetrics_float(0.5), "0.5");
  EXPECT_EQ(format_openmetrics_float(1e-08), "1e-08");
  EXPECT_EQ(format_openmetrics_float(1.0 / 0.0), "+Inf");
}

TEST(OpenMetricsWriter, FormatsTimestampsInSecondsWithMilliseconds) {
  EXPECT_EQ(format_timestamp_ms(kMetricsEpochMs), "1594857600");
  EXPECT_EQ(format_timestamp_ms(kMetricsEpochMs + 250), "1594857600.25");
  EXPECT_EQ(format_timestamp_ms(kMetricsEpochMs + 7), "1594857600.007");
  EXPECT_EQ(format_timestamp_ms(0), "0");
}

TEST(OpenMetricsWriter, NegotiatesTheFormatFromAccept) {
  EXPECT_EQ(negotiate_format(""), ExpositionFormat::kText004);
  EXPECT_EQ(negotiate_format("*/*"), ExpositionFormat::kText004);
  EXPECT_EQ(negotiate_format("text/plain;version=0.0.4"), ExpositionFormat::kText004);
  EXPECT_EQ(negotiate_format("application/openmetrics-text"), ExpositionFormat::kOpenMetrics);
  // What Prometheus 2.x sends.
  EXPECT_EQ(negotiate_format("application/openmetrics-text;version=1.0.0,application/"
                             "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;"
                             "q=0.5,*/*;q=0.1"),
            ExpositionFormat::kOpenMetrics);
  EXPECT_EQ(negotiate_format("text/plain;q=0.9, application/openmetrics-text;q=0.5"),
            ExpositionFormat::kText004);
  EXPECT_EQ(negotiate_format("application/openmetrics-text;q=0"), ExpositionFormat::kText004);
  EXPECT_EQ(content_type(ExpositionFormat::kOpenMetrics),
            "application/openmetrics-text; version=1.0.0; charset=utf-8");
  EXPECT_EQ(content_type(ExpositionFormat::kText004), "text/plain; version=0.0.4; charset=utf-8");
}

std::string history_text(const MetricsHistory& h) {
  std::ostringstream o;
  write_openmetrics_history(o, h);
  return o.str();
}

TEST(OpenMetricsWriter, HistoryGroupsByFamilyThenSeriesWithATimestampPerSample) {
  MetricsHistory h;
  h.record(tiny(10, 1, {0.25}));
  h.record(tiny(20, 1, {0.25, 2}));
  EXPECT_EQ(history_text(h),
            "# HELP demo_adds Adds.\n"
            "# TYPE demo_adds counter\n"
            "demo_adds_total{name=\"q\"} 1.0 1594857610\n"
            "demo_adds_total{name=\"q\"} 1.0 1594857620\n"
            "# HELP demo_seconds Durations.\n"
            "# TYPE demo_seconds histogram\n"
            "demo_seconds_bucket{name=\"q\",le=\"0.5\"} 1 1594857610\n"
            "demo_seconds_bucket{name=\"q\",le=\"1.0\"} 1 1594857610\n"
            "demo_seconds_bucket{name=\"q\",le=\"+Inf\"} 1 1594857610\n"
            "demo_seconds_sum{name=\"q\"} 0.25 1594857610\n"
            "demo_seconds_count{name=\"q\"} 1 1594857610\n"
            "demo_seconds_bucket{name=\"q\",le=\"0.5\"} 1 1594857620\n"
            "demo_seconds_bucket{name=\"q\",le=\"1.0\"} 1 1594857620\n"
            "demo_seconds_bucket{name=\"q\",le=\"+Inf\"} 2 1594857620\n"
            "demo_seconds_sum{name=\"q\"} 2.25 1594857620\n"
            "demo_seconds_count{name=\"q\"} 2 1594857620\n"
            "# EOF\n");
  // Only changed values are stored: 6 values at the first sample, 3 at the second.
  EXPECT_EQ(h.changed_values(), 9u);
}

TEST(OpenMetricsWriter, HistorySeriesStartWhenTheyAppearAndKeepTheirOrder) {
  MetricsHistory h;
  MetricsSnapshot a;
  a.time = 1;
  a.add_family("c", "C.", MetricType::kCounter).add({{"k", "b"}}, 1);
  MetricsSnapshot b;
  b.time = 2.5;
  auto& f = b.add_family("c", "C.", MetricType::kCounter);
  f.add({{"k", "a"}}, 5);  // new, listed first in the snapshot
  f.add({{"k", "b"}}, 2);
  h.record(a);
  h.record(b);
  EXPECT_EQ(history_text(h),
            "# HELP c C.\n# TYPE c counter\n"
            "c_total{k=\"b\"} 1.0 1594857601\n"
            "c_total{k=\"b\"} 2.0 1594857602.5\n"
            "c_total{k=\"a\"} 5.0 1594857602.5\n"
            "# EOF\n");
}

TEST(OpenMetricsWriter, HistoryReplacesASampleInTheSameMillisecond) {
  MetricsHistory h;
  h.record(tiny(10, 1, {}));
  h.record(tiny(20, 2, {}));
  h.record(tiny(20.0002, 3, {}));  // same millisecond as 20: replaces it
  ASSERT_EQ(h.times_ms().size(), 2u);
  const std::string t = history_text(h);
  EXPECT_NE(t.find("demo_adds_total{name=\"q\"} 3.0 1594857620\n"), std::string::npos) << t;
  EXPECT_EQ(t.find("} 2.0 "), std::string::npos) << t;
}

}  // namespace
}  // namespace fleetsim::output
