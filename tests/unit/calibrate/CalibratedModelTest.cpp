// CalibratedModel: the model file's verbs, the load curve's factors (geometric mean of
// median ratios to the lowest level), provenance without credentials, and the table.
#include "calibrate/CalibratedModel.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "scenario/Quantity.hpp"

namespace fleetsim::calibrate {
namespace {

// A sample whose lognormal MLE has median m and sigma s * sqrt(2/3).
std::vector<double> around(double m, double s = 0.3) {
  return {m * std::exp(-s), m, m * std::exp(s)};
}

Measurements synthetic() {
  Measurements m;
  m.at("GET", 1).seconds = around(0.010);
  m.at("GET", 4).seconds = around(0.020);  // x2
  m.at("POST", 1).seconds = around(0.020);
  m.at("POST", 4).seconds = around(0.080);  // x4
  m.at("APPLY", 1).seconds = around(0.030);
  m.at("PATCH", 1).seconds = around(0.030);
  m.at("DELETE", 1).errors = 2;
  return m;
}

Provenance provenance() {
  Provenance p;
  p.server = "https://10.1.2.3:6443";
  p.server_version = "v1.29.1";
  p.date = "2026-11-22T12:00:00Z";
  p.levels = {1, 4};
  p.requests = 3;
  return p;
}

TEST(CalibratedModel, LoadCurveIsTheGeometricMeanOfMedianRatios) {
  const auto curve = CalibratedModel::load_curve(synthetic(), {1, 4});
  ASSERT_EQ(curve.size(), 2u);
  EXPECT_EQ(curve[0].first, 1);
  EXPECT_DOUBLE_EQ(curve[0].second, 1.0);
  EXPECT_EQ(curve[1].first, 4);
  EXPECT_DOUBLE_EQ(curve[1].second, 2.828);  // sqrt(2 x 4), rounded to 3 decimals
}

TEST(CalibratedModel, VerbsFromTheLowestLevel) {
  const auto j = CalibratedModel::build(synthetic(), provenance());
  EXPECT_EQ(j["GET"]["lognormal"]["median"], "10ms");
  EXPECT_EQ(j["POST"]["lognormal"]["median"], "20ms");
  EXPECT_EQ(j["PATCH"]["lognormal"]["median"], "30ms");  // APPLY and PATCH pooled
  EXPECT_FALSE(j.contains("DELETE"));                    // no sample: falls back to default
  EXPECT_FALSE(j.contains("PUT"));
  EXPECT_TRUE(j["default"].contains("lognormal"));
  // p99 = median x exp(z99 x 0.3 x sqrt(2/3)) = 10 ms x 1.7687
  const double p99 = 0.010 * std::exp(2.3263478740408408 * 0.3 * std::sqrt(2.0 / 3.0));
  EXPECT_NEAR(scenario::parse_duration(j["GET"]["lognormal"]["p99"].get<std::string>()), p99,
              0.5e-6);
  EXPECT_EQ(j["load_curve"].dump(), "[[1,1.0],[4,2.828]]");
}

TEST(CalibratedModel, ProvenanceNamesTheServerAndCounts) {
  const auto j = CalibratedModel::build(synthetic(), provenance());
  const auto& p = j["provenance"];
  EXPECT_EQ(p["server"], "https://10.1.2.3:6443");
  EXPECT_EQ(p["server_version"], "v1.29.1");
  EXPECT_EQ(p["date"], "2026-11-22T12:00:00Z");
  EXPECT_EQ(p["levels"].dump(), "[1,4]");
  EXPECT_EQ(p["rows"]["GET"]["4"]["n"], 3);
  EXPECT_EQ(p["rows"]["DELETE"]["1"]["errors"], 2);
  EXPECT_DOUBLE_EQ(p["rows"]["POST"]["1"]["p50_ms"].get<double>(), 20.0);
}

TEST(CalibratedModel, TextIsJsoncWithOneLinePerVerb) {
  const auto j = CalibratedModel::build(synthetic(), provenance());
  const std::string t = CalibratedModel::text(j);
  EXPECT_EQ(t.rfind("// Written by fleetsim calibrate (docs/calibration.md).\n{\n", 0), 0u);
  EXPECT_NE(t.find("\n  \"load_curve\": [[1,1.0],[4,2.828]]\n}\n"), std::string::npos) << t;
  EXPECT_NE(t.find("\n  \"GET\": {\"lognormal\":{\"median\":\"10ms\","), std::string::npos) << t;
  EXPECT_EQ(nlohmann::ordered_json::parse(t.substr(t.find('{'))), j);
}

TEST(CalibratedModel, NoSampleAtTheLowestLevelIsAnError) {
  Measurements m;
  m.at("GET", 4).seconds = {0.01};
  Provenance p = provenance();
  EXPECT_THROW(CalibratedModel::build(m, p), std::invalid_argument);
}

TEST(CalibratedModel, TableHasARowPerVerbAndLevel) {
  const std::string t = CalibratedModel::table(synthetic(), {1, 4});
  EXPECT_NE(t.find("verb     level       n    p50 ms"), std::string::npos) << t;
  EXPECT_NE(t.find("GET          1       3    10.000"), std::string::npos) << t;
  EXPECT_NE(t.find("DELETE       1       0         -"), std::string::npos) << t;
}

}  // namespace
}  // namespace fleetsim::calibrate
