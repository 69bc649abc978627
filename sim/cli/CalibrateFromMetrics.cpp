// fleetsim calibrate --from-metrics: a scrape of a hub's /metrics -> an environment model
// (calibrate/MetricsCalibration.hpp says what is read; docs/calibration-from-metrics.md).
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "calibrate/MetricsCalibration.hpp"
#include "calibrate/PrometheusText.hpp"
#include "cli/Commands.hpp"
#include "cli/ReportFiles.hpp"
#include "fleetsim_version.h"
#include "output/ComparisonError.hpp"

namespace fleetsim::cli {

namespace {

const char* const kUsage =
    R"(usage: fleetsim calibrate --from-metrics SCRAPE [--controller NAME] [--hub-host HOST]
                          --out PATH

Fits service-time models to the histograms of a Prometheus text scrape of a hub
(text 0.0.4 or OpenMetrics, e.g. `kubectl get --raw /metrics` or a run's metrics.om) and
writes them as an environment model (use it with "environment": "NAME" for
models/NAME.json). Prints a table of what was fitted.

  --from-metrics SCRAPE  the scrape
  --controller NAME      only this controller (controller / name label)
  --hub-host HOST        rest_client host of the hub (default: the busiest host)
  --out PATH             the model file (written whole or not at all)
)";

struct Options {
  std::string scrape, controller, hub_host, out;
};

Options parse_options(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string* slot = a == "--from-metrics" ? &o.scrape
                        : a == "--controller" ? &o.controller
                        : a == "--hub-host"   ? &o.hub_host
                        : a == "--out"        ? &o.out
                                              : nullptr;
    if (!slot) throw UsageError{"unknown argument \"" + a + "\""};
    if (i + 1 >= args.size()) throw UsageError{a + " needs a value"};
    *slot = args[++i];
  }
  if (o.scrape.empty()) throw UsageError{"--from-metrics SCRAPE is required"};
  if (o.out.empty()) throw UsageError{"--out PATH is required"};
  return o;
}

// The date of the calibration (UTC); SOURCE_DATE_EPOCH makes it reproducible.
std::string today() {
  std::time_t t = std::time(nullptr);
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) t = std::strtoll(e, nullptr, 10);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

int calibrate_from_metrics(const std::vector<std::string>& args) {
  Options o;
  try {
    o = parse_options(args);
  } catch (const UsageError& e) {
    std::cerr << "fleetsim calibrate: " << e.message << "\n" << kUsage;
    return 2;
  }
  std::error_code ec;
  std::ifstream in(o.scrape, std::ios::binary);
  if (!std::filesystem::is_regular_file(o.scrape, ec) || !in) {
    std::cerr << o.scrape << ": cannot read the scrape (no such file)\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    std::cerr << o.scrape << ": cannot read the scrape\n";
    return 2;
  }
  calibrate::PromExposition scrape;
  try {
    scrape = calibrate::PrometheusText::parse(text.str());
  } catch (const calibrate::PrometheusTextError& e) {
    std::cerr << o.scrape << ":" << e.what() << "\n";
    return 2;
  }
  calibrate::CalibrationOptions co;
  co.controller = o.controller;
  co.hub_host = o.hub_host;
  co.source = std::filesystem::path(o.scrape).filename().string();
  co.date = today();
  co.tool = std::string("fleetsim ") + FLEETSIM_VERSION + " calibrate --from-metrics";
  try {
    const auto c = calibrate::MetricsCalibration::calibrate(scrape, co);
    ReportFiles files;
    files.add(o.out, c.model.dump(2) + "\n");
    files.commit();
    std::cout << calibrate::MetricsCalibration::table(c) << "wrote " << o.out << "\n";
  } catch (const calibrate::CalibrationError& e) {
    std::cerr << o.scrape << ": " << e.what() << "\n";
    return 2;
  } catch (const output::ComparisonError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace fleetsim::cli
