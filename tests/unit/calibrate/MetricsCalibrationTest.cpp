// Which families and labels MetricsCalibration reads, and where the fits go in the model.
#include <gtest/gtest.h>

#include <cmath>

#include "calibrate/MetricsCalibration.hpp"

namespace fleetsim::calibrate {
namespace {

using json = nlohmann::ordered_json;

// Text lines of a histogram series holding n draws of lognormal(ln median, sigma) exactly.
std::string series(const std::string& name, const std::string& labels,
                   const std::vector<double>& bounds, double median, double sigma, double n,
                   const std::string& ts = "") {
  std::string out;
  const auto with = [&](const std::string& extra) {
    return "{" + labels + (labels.empty() || extra.empty() ? "" : ",") + extra + "}";
  };
  for (const double b : bounds) {
    const double c = n * 0.5 * std::erfc(-std::log(b / median) / (sigma * std::sqrt(2.0)));
    out += name + "_bucket" + with("le=\"" + std::to_string(b) + "\"") + " " + std::to_string(c) +
           ts + "\n";
  }
  out += name + "_bucket" + with("le=\"+Inf\"") + " " + std::to_string(n) + ts + "\n";
  const double mean = median * std::exp(sigma * sigma / 2);
  out += name + "_sum" + with("") + " " + std::to_string(n * mean) + ts + "\n";
  out += name + "_count" + with("") + " " + std::to_string(n) + ts + "\n";
  return out;
}

const std::vector<double> kFine = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1,
                                   0.2,   0.5,   1,     2,    5,    10};

Calibration run(const std::string& text, CalibrationOptions o = {}) {
  o.source = "scrape.txt";
  return MetricsCalibration::calibrate(PrometheusText::parse(text), o);
}

double median_of(const json& d) {
  return std::stod(d["lognormal"]["median"].get<std::string>().substr(0)) /
         (d["lognormal"]["median"].get<std::string>().ends_with("ms") ? 1000 : 1);
}

TEST(MetricsCalibration, ReconcileTimeIsPreferredToWorkqueueAndWorkqueueFillsIn) {
  const auto c =
      run("# TYPE controller_runtime_reconcile_time_seconds histogram\n" +
          series("controller_runtime_reconcile_time_seconds", "controller=\"a\"", kFine, 0.1, 0.5,
                 1000) +
          "# TYPE workqueue_work_duration_seconds histogram\n" +
          series("workqueue_work_duration_seconds", "name=\"a\"", kFine, 0.3, 0.5, 1000) +
          series("workqueue_work_duration_seconds", "name=\"b\"", kFine, 0.05, 0.5, 1000));
  const auto& ctl = c.model["controllers"];
  EXPECT_NEAR(median_of(ctl["a"]["reconcile"][0]["delay"]), 0.1, 1e-4);
  EXPECT_NEAR(median_of(ctl["b"]["reconcile"][0]["delay"]), 0.05, 1e-4);
  ASSERT_EQ(c.fits.size(), 3u);
  EXPECT_EQ(c.fits[0].target, "controllers.a.reconcile[0].delay");
  EXPECT_EQ(c.fits[1].target, "");  // a's workqueue: shown, not used
}

TEST(MetricsCalibration, ControllerOptionSelectsOneAndNamesTheOthersWhenMissing) {
  const std::string text =
      "# TYPE controller_runtime_reconcile_time_seconds histogram\n" +
      series("controller_runtime_reconcile_time_seconds", "controller=\"a\"", kFine, 0.1, 0.5,
             100) +
      series("controller_runtime_reconcile_time_seconds", "controller=\"b\"", kFine, 0.2, 0.5, 100);
  CalibrationOptions o;
  o.controller = "b";
  const auto c = run(text, o);
  EXPECT_FALSE(c.model["controllers"].contains("a"));
  EXPECT_TRUE(c.model["controllers"].contains("b"));
  EXPECT_EQ(c.model["provenance"]["controller"], "b");
  o.controller = "zz";
  try {
    run(text, o);
    FAIL();
  } catch (const CalibrationError& e) {
    EXPECT_NE(std::string(e.what()).find("no controller \"zz\""), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("(found: a, b)"), std::string::npos);
  }
}

TEST(MetricsCalibration, SeriesOfOneControllerFromSeveralPodsAreSummed) {
  const std::string name = "controller_runtime_reconcile_time_seconds";
  const auto c = run(series(name, "controller=\"a\",pod=\"p1\"", kFine, 0.1, 0.5, 1000) +
                     series(name, "controller=\"a\",pod=\"p2\"", kFine, 0.1, 0.5, 3000));
  ASSERT_EQ(c.fits.size(), 1u);
  EXPECT_DOUBLE_EQ(c.fits[0].stats.count, 4000);
  EXPECT_EQ(c.fits[0].series, 2);
  EXPECT_EQ(c.fits[0].labels, "controller=\"a\"");
  EXPECT_NEAR(median_of(c.model["controllers"]["a"]["reconcile"][0]["delay"]), 0.1, 1e-4);
}

TEST(MetricsCalibration, LatestTimestampOfASeriesCounts) {
  // OpenMetrics with two points per series: the later (t = 20) holds median 0.2.
  const std::string name = "controller_runtime_reconcile_time_seconds";
  const auto c = run("# TYPE " + name + " histogram\n" +
                     series(name, "controller=\"a\"", kFine, 0.2, 0.5, 2000, " 20") +
                     series(name, "controller=\"a\"", kFine, 0.1, 0.5, 1000, " 10") + "# EOF\n");
  EXPECT_NEAR(median_of(c.model["controllers"]["a"]["reconcile"][0]["delay"]), 0.2, 1e-4);
  EXPECT_DOUBLE_EQ(c.fits[0].stats.count, 2000);
}

TEST(MetricsCalibration, RestClientHubIsTheBusiestHostOthersAreSpokes) {
  const std::string f = "rest_client_request_duration_seconds";
  const std::string text = "# TYPE " + f + " histogram\n" +
                           series(f, "host=\"hub:443\",verb=\"GET\"", kFine, 0.01, 0.6, 5000) +
                           series(f, "host=\"hub:443\",verb=\"PATCH\"", kFine, 0.02, 0.6, 3000) +
                           series(f, "host=\"s1:6443\",verb=\"GET\"", kFine, 0.05, 0.6, 1000) +
                           series(f, "host=\"s2:6443\",verb=\"get\"", kFine, 0.05, 0.6, 1000);
  auto c = run(text);
  const auto& hub = c.model["api_servers"]["hub"]["latency"];
  EXPECT_NEAR(median_of(hub["GET"]), 0.01, 1e-5);
  EXPECT_EQ(hub["LIST"], hub["GET"]);
  EXPECT_NEAR(median_of(hub["PATCH"]), 0.02, 1e-5);
  EXPECT_TRUE(hub.contains("default"));
  const auto& spoke = c.model["fleet"]["spoke"]["latency"];
  EXPECT_NEAR(median_of(spoke["GET"]), 0.05, 1e-5);  // s1 and s2 (verb upper-cased) summed
  EXPECT_EQ(spoke["provenance"]["series"], 2);
  CalibrationOptions o;
  o.hub_host = "s1:6443";
  c = run(text, o);
  EXPECT_NEAR(median_of(c.model["api_servers"]["hub"]["latency"]["GET"]), 0.05, 1e-5);
  o.hub_host = "nope";
  EXPECT_THROW(run(text, o), CalibrationError);
}

TEST(MetricsCalibration, HiveClientRemoteLabelSeparatesHubAndSpokes) {
  const std::string f = "hive_kube_client_request_seconds";
  const std::vector<double> hive = {0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120};
  const std::string text =
      "# TYPE " + f + " histogram\n" +
      series(f,
             "controller=\"cs\",method=\"PATCH\",remote=\"true\",resource=\"r\",status=\"200 OK\"",
             hive, 0.2, 0.8, 4000) +
      series(f,
             "controller=\"cs\",method=\"GET\",remote=\"false\",resource=\"r\",status=\"200 OK\"",
             hive, 0.08, 0.8, 4000) +
      series(f, "controller=\"x\",method=\"GET\",remote=\"false\",resource=\"r\",status=\"200 OK\"",
             hive, 0.3, 0.8, 4000);
  CalibrationOptions o;
  o.controller = "cs";
  // No controller histograms: the API fits alone make a model.
  const auto c = run(text, o);
  EXPECT_NEAR(median_of(c.model["fleet"]["spoke"]["latency"]["PATCH"]), 0.2, 1e-4);
  EXPECT_NEAR(median_of(c.model["api_servers"]["hub"]["latency"]["GET"]), 0.08, 1e-4);
  EXPECT_EQ(c.model["api_servers"]["hub"]["latency"]["provenance"]["selection"],
            "remote=\"false\",controller=\"cs\"");
}

TEST(MetricsCalibration, NoMatchingFamiliesIsAnError) {
  EXPECT_THROW(run("# TYPE go_info gauge\ngo_info{version=\"1\"} 1\n"), CalibrationError);
  // Matching but empty histograms.
  EXPECT_THROW(run("controller_runtime_reconcile_time_seconds_bucket{controller=\"a\",le=\"+Inf\"} "
                   "0\ncontroller_runtime_reconcile_time_seconds_count{controller=\"a\"} 0\n"),
               CalibrationError);
}

TEST(MetricsCalibration, FitWithoutShapeIsWrittenAsAConstantMean) {
  LognormalFit f;
  f.method = "mean";
  f.mu = std::log(0.015);
  EXPECT_EQ(MetricsCalibration::distribution_json(f), "15ms");
  EXPECT_TRUE(MetricsCalibration::distribution_json(LognormalFit{}).is_null());
  f.mu = std::log(1e-12);  // would round to "0s": not a usable duration
  EXPECT_TRUE(MetricsCalibration::distribution_json(f).is_null());
  f.mu = std::log(1e12);  // beyond what a duration holds
  EXPECT_TRUE(MetricsCalibration::distribution_json(f).is_null());
}

TEST(MetricsCalibration, TableHasOneRowPerFitAndSaysWhereItWent) {
  const auto c = run(series("controller_runtime_reconcile_time_seconds", "controller=\"a\"", kFine,
                            0.1, 0.5, 100));
  const std::string t = MetricsCalibration::table(c);
  EXPECT_NE(t.find("family"), std::string::npos);
  EXPECT_NE(t.find("controller=\"a\""), std::string::npos);
  EXPECT_NE(t.find("controllers.a.reconcile[0].delay"), std::string::npos);
  EXPECT_NE(t.find("100ms"), std::string::npos);
}

}  // namespace
}  // namespace fleetsim::calibrate
