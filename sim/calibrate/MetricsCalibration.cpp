#include "calibrate/MetricsCalibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "scenario/Quantity.hpp"

namespace fleetsim::calibrate {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* kReconcile = "controller_runtime_reconcile_time_seconds";
constexpr const char* kWorkqueue = "workqueue_work_duration_seconds";
constexpr const char* kRestClient = "rest_client_request_duration_seconds";
constexpr const char* kHiveClient = "hive_kube_client_request_seconds";

// One histogram series: cumulative counts by le, sum, count (of its latest sample time).
struct Series {
  PromLabels labels;  // without le, sorted by name
  std::map<double, double> buckets;
  double sum = 0, count = 0;
  double time = -std::numeric_limits<double>::infinity();
  int merged = 1;

  const std::string& label(const std::string& key) const {
    static const std::string none;
    for (const auto& [k, v] : labels)
      if (k == key) return v;
    return none;
  }
  void add(const Series& o) {
    for (const auto& [le, n] : o.buckets) buckets[le] += n;
    sum += o.sum;
    count += o.count;
    merged += o.merged;
  }
  std::vector<PromBucket> cumulative() const {
    std::vector<PromBucket> out;
    for (const auto& [le, n] : buckets) out.push_back({le, n});
    return out;
  }
};

std::string key_of(const PromLabels& labels) {
  std::string k;
  for (const auto& [n, v] : labels) k.append(n).append("=\"").append(v).append("\",");
  return k;
}

// Every series of histogram family `name` (families of that name may repeat).
std::vector<Series> histogram_series(const PromExposition& e, const std::string& name) {
  std::map<std::string, Series> by_key;
  for (const auto& f : e.families) {
    // The family, or untyped families of its sample names (a scrape without TYPE lines).
    if (!f.name.starts_with(name)) continue;
    for (const auto& s : f.samples) {
      if (!s.name.starts_with(name)) continue;
      const std::string_view suffix = std::string_view(s.name).substr(name.size());
      if (suffix != "_bucket" && suffix != "_sum" && suffix != "_count") continue;
      PromLabels labels;
      std::optional<double> le;
      for (const auto& [k, v] : s.labels) {
        if (k == "le")
          le = PrometheusText::parse_value(v);
        else
          labels.emplace_back(k, v);
      }
      if (suffix == "_bucket" && (!le || std::isnan(*le))) continue;
      std::sort(labels.begin(), labels.end());
      const auto [it, fresh] = by_key.try_emplace(key_of(labels));
      Series& series = it->second;
      if (fresh) series.labels = labels;
      const double t = s.timestamp.value_or(-std::numeric_limits<double>::infinity());
      if (t < series.time) continue;  // an older sample of this series
      if (t > series.time) series = Series{std::move(labels), {}, 0, 0, t, 1};
      if (suffix == "_bucket")
        series.buckets[*le] = s.value;
      else if (suffix == "_sum")
        series.sum = s.value;
      else
        series.count = s.value;
    }
  }
  std::vector<Series> out;
  for (auto& [k, s] : by_key) out.push_back(std::move(s));
  return out;
}

std::string upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string shown_labels(const PromLabels& labels) {
  std::string out;
  for (const auto& [k, v] : labels) {
    if (!out.empty()) out += ',';
    out.append(k).append("=\"").append(v).append("\"");
  }
  return out;
}

class Calibrator {
 public:
  Calibrator(const PromExposition& e, const CalibrationOptions& o) : e_(e), o_(o) {}

  Calibration run() {
    controllers();
    api("hub", "api_servers", "hub");
    api("spoke", "fleet", "spoke");
    if (c_.fits.empty())
      throw CalibrationError(
          std::string("no histogram series of ") + kReconcile + ", " + kWorkqueue + ", " +
          kRestClient + " or " + kHiveClient +
          (o_.controller.empty() ? "" : " for controller \"" + o_.controller + "\""));
    bool used = false;
    for (const auto& f : c_.fits) used = used || !f.target.empty();
    if (!used) throw CalibrationError("the matching histograms hold no observations");
    json model;
    model["description"] = "Fitted by fleetsim calibrate --from-metrics from " + o_.source;
    model["provenance"] = provenance();
    for (const auto& [k, v] : body_.items()) model[k] = v;
    c_.model = std::move(model);
    return std::move(c_);
  }

 private:
  // Fits `s`, records the row, writes the distribution at `slot` when the fit has one.
  void fit(const std::string& family, const std::string& labels, const Series& s, json* slot,
           const std::string& target) {
    FittedHistogram f;
    f.family = family;
    f.labels = labels;
    f.series = s.merged;
    f.stats = HistogramFit::describe(s.cumulative(), s.sum, s.count);
    const json d = MetricsCalibration::distribution_json(f.stats.lognormal);
    if (slot && !d.is_null()) {
      *slot = d;
      f.target = target;
    }
    c_.fits.push_back(std::move(f));
  }

  void controllers() {
    std::map<std::string, Series> reconcile, work;
    // Series of one controller from several pods (instance, pod labels) are summed.
    const auto by = [](std::map<std::string, Series>& into, const Series& s,
                       const std::string& key) {
      const auto [it, fresh] = into.try_emplace(s.label(key), s);
      if (fresh)
        it->second.labels = {{key, s.label(key)}};
      else
        it->second.add(s);
    };
    for (const auto& s : histogram_series(e_, kReconcile)) by(reconcile, s, "controller");
    for (const auto& s : histogram_series(e_, kWorkqueue)) by(work, s, "name");
    std::set<std::string> names;
    for (const auto& [n, s] : reconcile) names.insert(n);
    for (const auto& [n, s] : work) names.insert(n);
    if (!o_.controller.empty()) {
      std::set<std::string> hive;
      for (const auto& s : histogram_series(e_, kHiveClient)) hive.insert(s.label("controller"));
      if (!names.contains(o_.controller) && !hive.contains(o_.controller)) {
        names.merge(hive);
        std::string found;
        for (const auto& n : names) found += (found.empty() ? "" : ", ") + n;
        throw CalibrationError("no controller \"" + o_.controller + "\" in " + kReconcile +
                               "{controller}, " + kWorkqueue + "{name} or " + kHiveClient +
                               "{controller}" + (found.empty() ? "" : " (found: " + found + ")"));
      }
      names = names.contains(o_.controller) ? std::set<std::string>{o_.controller}
                                            : std::set<std::string>{};
    }
    for (const auto& n : names) {
      const auto r = reconcile.find(n);
      const auto w = work.find(n);
      const bool use_r = r != reconcile.end() && r->second.count > 0;
      json* slot = &body_["controllers"][n]["reconcile"];
      *slot = json::array({json::object()});
      json* delay = &(*slot)[0]["delay"];
      const std::string target = "controllers." + n + ".reconcile[0].delay";
      if (r != reconcile.end())
        fit(kReconcile, shown_labels(r->second.labels), r->second, use_r ? delay : nullptr, target);
      if (w != work.end())
        fit(kWorkqueue, shown_labels(w->second.labels), w->second, use_r ? nullptr : delay, target);
      if (delay->is_null()) body_["controllers"].erase(n);
    }
    if (body_.contains("controllers") && body_["controllers"].empty()) body_.erase("controllers");
  }

  // The series of one role (hub or spoke): client-go's if any, else Hive's.
  void api(const std::string& role, const std::string& section, const std::string& server) {
    std::string family = kRestClient, verb_label = "verb", selection;
    std::vector<Series> chosen;
    const auto rest = histogram_series(e_, kRestClient);
    std::map<std::string, double> per_host;
    for (const auto& s : rest) per_host[s.label("host")] += s.count;
    std::string hub = o_.hub_host;
    if (hub.empty())
      for (const auto& [h, n] : per_host)
        if (hub.empty() || n > per_host[hub]) hub = h;
    if (!o_.hub_host.empty() && !per_host.empty() && !per_host.contains(hub))
      throw CalibrationError("no " + std::string(kRestClient) + " series with host=\"" + hub +
                             "\"");
    for (const auto& s : rest)
      if ((s.label("host") == hub) == (role == "hub")) chosen.push_back(s);
    selection = std::string(role == "hub" ? "host=\"" : "host!=\"") + hub + "\"";
    if (chosen.empty()) {
      family = kHiveClient;
      verb_label = "method";
      for (const auto& s : histogram_series(e_, kHiveClient))
        if (s.label("remote") == (role == "hub" ? "false" : "true") &&
            (o_.controller.empty() || s.label("controller") == o_.controller))
          chosen.push_back(s);
      selection = std::string("remote=\"") + (role == "hub" ? "false" : "true") + "\"";
      if (!o_.controller.empty()) selection += ",controller=\"" + o_.controller + "\"";
    }
    if (chosen.empty()) return;
    std::map<std::string, Series> by_verb;
    Series all;
    all.merged = 0;
    for (const auto& s : chosen) {
      const std::string v = upper(s.label(verb_label));
      auto [it, fresh] = by_verb.try_emplace(v, s);
      if (!fresh) it->second.add(s);
      all.add(s);
    }
    json latency;
    latency["description"] = "Fitted from " + family + "{" + selection + "} of " + o_.source;
    latency["provenance"] = {
        {"family", family}, {"selection", selection}, {"series", all.merged}, {"count", all.count}};
    const std::string base = section + "." + server + ".latency.";
    fit(family, selection, all, &latency["default"], base + "default");
    if (latency["default"].is_null()) return;
    for (const auto& [verb, s] : by_verb) {
      const std::string labels = selection + "," + verb_label + "=\"" + verb + "\"";
      const bool known =
          verb == "GET" || verb == "POST" || verb == "PUT" || verb == "PATCH" || verb == "DELETE";
      fit(family, labels, s, known ? &latency[verb] : nullptr, base + verb);
      if (verb == "GET" && latency.contains("GET") && !latency["GET"].is_null())
        latency["LIST"] = latency["GET"];
    }
    for (const auto& v : {"GET", "POST", "PUT", "PATCH", "DELETE"})
      if (latency.contains(v) && latency[v].is_null()) latency.erase(v);
    body_[section][server]["latency"] = latency;
  }

  json provenance() const {
    json p;
    p["source"] = o_.source;
    p["date"] = o_.date;
    p["tool"] = o_.tool;
    p["format"] = e_.openmetrics ? "OpenMetrics 1.0" : "Prometheus text 0.0.4";
    if (!o_.controller.empty()) p["controller"] = o_.controller;
    json fits = json::array();
    for (const auto& f : c_.fits) {
      const auto& s = f.stats;
      fits.push_back({{"target", f.target.empty() ? json(nullptr) : json(f.target)},
                      {"family", f.family},
                      {"labels", f.labels},
                      {"series", f.series},
                      {"count", s.count},
                      {"mean_s", s.mean},
                      {"p50_s", s.p50},
                      {"p90_s", s.p90},
                      {"p99_s", s.p99},
                      {"fit", s.lognormal.method},
                      {"buckets_with_observations", s.lognormal.nonempty_buckets},
                      {"fit_median_s", s.lognormal.median()},
                      {"fit_p99_s", s.lognormal.p99()},
                      {"fit_se_ln_median", s.lognormal.se_log_quantile(0.5)},
                      {"fit_se_ln_p99", s.lognormal.se_log_quantile(0.99)}});
    }
    p["fits"] = fits;
    return p;
  }

  const PromExposition& e_;
  const CalibrationOptions& o_;
  Calibration c_;
  json body_ = json::object();
};

std::string seconds_text(double s) {
  if (!std::isfinite(s)) return "-";
  char buf[32];
  if (s < 1e-3)
    std::snprintf(buf, sizeof buf, "%.3gus", s * 1e6);
  else if (s < 1)
    std::snprintf(buf, sizeof buf, "%.3gms", s * 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.3gs", s);
  return buf;
}

}  // namespace

json MetricsCalibration::distribution_json(const LognormalFit& fit) {
  // What a scenario duration can hold: 1 ns (below, it would round to 0) to ~285 years.
  const auto writable = [](double s) { return s >= 1e-9 && s <= 9e9; };
  if (fit.method == "none" || !writable(fit.median()) || !writable(fit.p99())) return nullptr;
  if (fit.method == "mean" || fit.sigma <= 0) return scenario::format_duration(std::exp(fit.mu));
  return {{"lognormal",
           {{"median", scenario::format_duration(fit.median())},
            {"p99", scenario::format_duration(fit.p99())}}}};
}

Calibration MetricsCalibration::calibrate(const PromExposition& scrape,
                                          const CalibrationOptions& options) {
  return Calibrator(scrape, options).run();
}

std::string MetricsCalibration::table(const Calibration& c) {
  std::vector<std::vector<std::string>> rows = {{"family", "labels", "count", "mean", "p50", "p90",
                                                 "p99", "fit", "median", "p99 (fit)", "model"}};
  for (const auto& f : c.fits) {
    const auto& s = f.stats;
    char count[32];
    std::snprintf(count, sizeof count, "%.0f", s.count);
    std::string labels = f.labels;
    if (f.series > 1) labels += " (" + std::to_string(f.series) + " series)";
    rows.push_back({f.family, labels, count, seconds_text(s.mean), seconds_text(s.p50),
                    seconds_text(s.p90), seconds_text(s.p99), s.lognormal.method,
                    seconds_text(s.lognormal.median()), seconds_text(s.lognormal.p99()),
                    f.target.empty() ? "-" : f.target});
  }
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - r[i].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace fleetsim::calibrate
