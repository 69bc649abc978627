#include "calibrate/CalibratedModel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "calibrate/SampleStats.hpp"
#include "scenario/Quantity.hpp"

namespace fleetsim::calibrate {

namespace {

using json = nlohmann::ordered_json;

std::vector<double> samples_of(const Measurements& m, const std::vector<std::string>& rows,
                               int level) {
  std::vector<double> out;
  for (const auto& r : rows)
    if (const auto* s = m.find(r, level))
      out.insert(out.end(), s->seconds.begin(), s->seconds.end());
  return out;
}

// A duration to the microsecond (at least 1 us: a lognormal's median must be > 0).
std::string micros(double seconds) {
  return scenario::format_duration(std::max(1.0, std::round(seconds * 1e6)) / 1e6);
}

json lognormal_json(const std::vector<double>& x) {
  const LognormalMle f = SampleStats::lognormal(x);
  return {{"lognormal", {{"median", micros(f.median())}, {"p99", micros(f.p99())}}}};
}

double ms(double seconds) {
  return std::round(seconds * 1e6) / 1e3;  // milliseconds, to the microsecond
}

json row_provenance(const Measurements::Series& s) {
  json j = {{"n", s.seconds.size()}, {"errors", s.errors}, {"retries", s.retries}};
  if (s.seconds.empty()) return j;
  const Quantiles q = SampleStats::quantiles(s.seconds);
  const LognormalMle f = SampleStats::lognormal(s.seconds);
  j["p50_ms"] = ms(q.p50);
  j["p90_ms"] = ms(q.p90);
  j["p99_ms"] = ms(q.p99);
  j["p999_ms"] = ms(q.p999);
  j["lognormal"] = {
      {"mu", f.mu}, {"sigma", f.sigma}, {"median_ms", ms(f.median())}, {"p99_ms", ms(f.p99())}};
  return j;
}

}  // namespace

std::vector<std::pair<int, double>> CalibratedModel::load_curve(const Measurements& m,
                                                                const std::vector<int>& levels) {
  std::vector<std::pair<int, double>> curve;
  if (levels.empty()) return curve;
  const int base = levels.front();
  for (int level : levels) {
    double sum = 0;
    int n = 0;
    for (const auto& row : Measurements::rows()) {
      const auto* a = m.find(row, base);
      const auto* b = m.find(row, level);
      if (!a || !b || a->seconds.empty() || b->seconds.empty()) continue;
      sum += SampleStats::lognormal(b->seconds).mu - SampleStats::lognormal(a->seconds).mu;
      ++n;
    }
    if (n == 0) continue;
    curve.emplace_back(level, std::round(std::exp(sum / n) * 1000) / 1000);
  }
  return curve;
}

json CalibratedModel::build(const Measurements& m, const Provenance& p) {
  if (p.levels.empty()) throw std::invalid_argument("no levels");
  const int base = p.levels.front();
  const std::vector<double> all = samples_of(m, Measurements::rows(), base);
  if (all.empty()) throw std::invalid_argument("no latency was measured at the lowest level");
  json model;
  model["description"] = "Calibrated by fleetsim calibrate against " + p.server + " (" +
                         p.server_version + ") on " + p.date + ".";
  json prov = {{"source", "fleetsim calibrate"},
               {"calibrated", true},
               {"server", p.server},
               {"server_version", p.server_version},
               {"date", p.date},
               {"fleetsim_version", p.fleetsim_version},
               {"levels", p.levels},
               {"requests_per_row_and_level", p.requests},
               {"duration_cap_s", p.duration},
               {"object_size_bytes", p.object_size},
               {"qps_cap", p.qps},
               {"quantiles", "type 7 (linear between closest ranks)"},
               {"fit",
                "lognormal maximum likelihood at the lowest level; PATCH pools APPLY "
                "and PATCH; load_curve = geometric mean of median ratios to the "
                "lowest level"}};
  json rows = json::object();
  for (const auto& row : Measurements::rows())
    for (int level : p.levels)
      if (const auto* s = m.find(row, level)) rows[row][std::to_string(level)] = row_provenance(*s);
  prov["rows"] = rows;
  json in_flight = json::object();
  for (int level : p.levels)
    in_flight[std::to_string(level)] = std::round(m.mean_in_flight(level) * 100) / 100;
  prov["mean_in_flight"] = in_flight;
  model["provenance"] = prov;
  model["default"] = lognormal_json(all);
  const std::vector<std::pair<std::string, std::vector<std::string>>> verbs = {
      {"GET", {"GET"}}, {"POST", {"POST"}}, {"PATCH", {"APPLY", "PATCH"}}, {"DELETE", {"DELETE"}}};
  for (const auto& [verb, from] : verbs) {
    const std::vector<double> x = samples_of(m, from, base);
    if (!x.empty()) model[verb] = lognormal_json(x);
  }
  json curve = json::array();
  for (const auto& [level, factor] : load_curve(m, p.levels)) curve.push_back({level, factor});
  model["load_curve"] = curve;
  return model;
}

std::string CalibratedModel::text(const json& model) {
  std::string out = "// Written by fleetsim calibrate (docs/calibration.md).\n{";
  bool first = true;
  for (auto it = model.begin(); it != model.end(); ++it) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += json(it.key()).dump() + ": ";
    if (it.key() != "provenance") {
      out += it.value().dump();
      continue;
    }
    const std::string block = it.value().dump(2);
    for (char ch : block) {
      out.push_back(ch);
      if (ch == '\n') out += "  ";
    }
  }
  return out + "\n}\n";
}

std::string CalibratedModel::table(const Measurements& m, const std::vector<int>& levels) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-7s %6s %7s %9s %9s %9s %9s %10s %9s %7s\n", "verb", "level",
                "n", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "fit p50", "fit p99", "errors");
  out += line;
  for (const auto& row : Measurements::rows())
    for (int level : levels) {
      const auto* s = m.find(row, level);
      if (!s) continue;
      if (s->seconds.empty()) {
        std::snprintf(line, sizeof line, "%-7s %6d %7d %9s %9s %9s %9s %10s %9s %7lld\n",
                      row.c_str(), level, 0, "-", "-", "-", "-", "-", "-", s->errors);
      } else {
        const Quantiles q = SampleStats::quantiles(s->seconds);
        const LognormalMle f = SampleStats::lognormal(s->seconds);
        std::snprintf(line, sizeof line,
                      "%-7s %6d %7zu %9.3f %9.3f %9.3f %9.3f %10.3f %9.3f %7lld\n", row.c_str(),
                      level, s->seconds.size(), q.p50 * 1e3, q.p90 * 1e3, q.p99 * 1e3, q.p999 * 1e3,
                      f.median() * 1e3, f.p99() * 1e3, s->errors);
      }
      out += line;
    }
  for (int level : levels) {
    const double f = m.mean_in_flight(level);
    if (f <= 0) continue;
    std::snprintf(
        line, sizeof line, "level %d: %.2f requests in flight on average%s\n", level, f,
        f < 0.8 * level ? " (below the level: a --qps cap or the client limited it)" : "");
    out += line;
  }
  return out;
}

}  // namespace fleetsim::calibrate
