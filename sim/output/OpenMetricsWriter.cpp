#include "output/OpenMetricsWriter.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace fleetsim::output {

namespace {

constexpr std::string_view type_name(MetricType t) {
  switch (t) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "unknown";
}

// The labels of a series, rendered once: a="x",b="y" (escaped), without braces.
std::string label_text(const MetricLabels& labels) {
  std::string out;
  for (const auto& [k, v] : labels) {
    if (!out.empty()) out += ',';
    out += k;
    out += "=\"";
    out += escape_label_value(v);
    out += '"';
  }
  return out;
}

// Appends {<labels>[,le="..."]}; nothing when there is no label at all.
void append_labels(std::string& out, const std::string& labels, std::string_view le = {}) {
  if (labels.empty() && le.empty()) return;
  out += '{';
  out += labels;
  if (!le.empty()) {
    if (!labels.empty()) out += ',';
    out += "le=\"";
    out += le;
    out += '"';
  }
  out += '}';
}

std::string format_count(double v) {
  // Bucket counts and histogram counts are integers (client_golang writes them as uint64).
  if (v >= 0 && v < 1.8e19 && v == std::floor(v))
    return std::to_string(static_cast<unsigned long long>(v));
  return format_go_float(v);
}

// Everything of one family that does not depend on the time: sample name prefixes and
// the formatted le values.
struct FamilyText {
  std::string header;            // # HELP / # TYPE lines
  std::string sample;            // sample name of counters and gauges
  std::vector<std::string> les;  // histograms: formatted bounds, then "+Inf"
};

FamilyText family_text(const std::string& name, const std::string& help, MetricType type,
                       const std::vector<double>& bounds, ExpositionFormat f) {
  FamilyText t;
  const bool om = f == ExpositionFormat::kOpenMetrics;
  const std::string total = name + "_total";
  const std::string& meta = type == MetricType::kCounter && !om ? total : name;
  t.header = "# HELP ";
  t.header += meta;
  t.header += ' ';
  t.header += escape_help(help, f);
  t.header += "\n# TYPE ";
  t.header += meta;
  t.header += ' ';
  t.header += type_name(type);
  t.header += '\n';
  t.sample = type == MetricType::kCounter ? total : name;
  for (double b : bounds) t.les.push_back(om ? format_openmetrics_float(b) : format_go_float(b));
  t.les.push_back("+Inf");
  return t;
}

// Appends the sample lines of one point of one series; `ts` is "" or " <timestamp>".
void append_point(std::string& out, const std::string& family, MetricType type, const FamilyText& t,
                  const std::string& labels, const double* values, ExpositionFormat f,
                  std::string_view ts) {
  const bool om = f == ExpositionFormat::kOpenMetrics;
  auto value = [&](double v) { return om ? format_openmetrics_float(v) : format_go_float(v); };
  if (type != MetricType::kHistogram) {
    out += t.sample;
    append_labels(out, labels);
    out += ' ';
    out += value(values[0]);
    out += ts;
    out += '\n';
    return;
  }
  const std::size_t n = t.les.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += family;
    out += "_bucket";
    append_labels(out, labels, t.les[i]);
    out += ' ';
    out += format_count(values[i]);
    out += ts;
    out += '\n';
  }
  out += family;
  out += "_sum";
  append_labels(out, labels);
  out += ' ';
  out += value(values[n]);
  out += ts;
  out += '\n';
  out += family;
  out += "_count";
  append_labels(out, labels);
  out += ' ';
  out += format_count(values[n + 1]);
  out += ts;
  out += '\n';
}

// Appends `lines` (each ending in '\n') with `stamp` before every '\n'.
void append_stamped(std::string& out, std::string_view lines, std::string_view stamp) {
  for (std::size_t b = 0, e; b < lines.size(); b = e + 1) {
    e = lines.find('\n', b);
    out.append(lines.substr(b, e - b));
    out.append(stamp);
    out += '\n';
  }
}

// Parses the q-value of one media range ("type/sub;version=1;q=0.5"); 1 when absent.
double q_value(std::string_view range) {
  std::size_t pos = 0;
  while ((pos = range.find(';', pos)) != std::string_view::npos) {
    ++pos;
    while (pos < range.size() && range[pos] == ' ') ++pos;
    if (range.substr(pos, 2) == "q=") {
      const std::string q(range.substr(pos + 2, range.find(';', pos) - pos - 2));
      char* end = nullptr;
      const double v = std::strtod(q.c_str(), &end);
      return end == q.c_str() ? 1.0 : v;
    }
  }
  return 1.0;
}

}  // namespace

std::string_view content_type(ExpositionFormat f) {
  return f == ExpositionFormat::kOpenMetrics
             ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
             : "text/plain; version=0.0.4; charset=utf-8";
}

ExpositionFormat negotiate_format(std::string_view accept) {
  double om = 0, text = 0;
  std::size_t start = 0;
  while (start <= accept.size()) {
    std::size_t end = accept.find(',', start);
    if (end == std::string_view::npos) end = accept.size();
    std::string_view range = accept.substr(start, end - start);
    while (!range.empty() && range.front() == ' ') range.remove_prefix(1);
    const std::string_view type = range.substr(0, range.find(';'));
    if (type == "application/openmetrics-text") om = std::max(om, q_value(range));
    if (type == "text/plain") text = std::max(text, q_value(range));
    start = end + 1;
  }
  return om > 0 && om >= text ? ExpositionFormat::kOpenMetrics : ExpositionFormat::kText004;
}

std::string format_go_float(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  // Shortest round-trip digits, from the scientific form "-d.ddde+XX".
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  const std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  const bool neg = s.front() == '-';
  const std::size_t e = s.find('e');
  std::string digits;
  for (std::size_t i = neg ? 1 : 0; i < e; ++i)
    if (s[i] != '.') digits += s[i];
  int exp = 0;
  std::from_chars(s.data() + e + (s[e + 1] == '+' ? 2 : 1), s.data() + s.size(), exp);
  const int nd = static_cast<int>(digits.size());
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {  // %e: d.ddde±dd
    out += digits[0];
    if (nd > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += exp < 0 ? "e-" : "e+";
    const int a = std::abs(exp);
    if (a < 10) out += '0';
    out += std::to_string(a);
    return out;
  }
  const int dp = exp + 1;  // digits before the decimal point
  if (dp > 0) {
    for (int i = 0; i < dp; ++i) out += i < nd ? digits[static_cast<std::size_t>(i)] : '0';
  } else {
    out += '0';
  }
  const int frac = std::max(nd - dp, 0);
  if (frac > 0) {
    out += '.';
    for (int i = 0; i < frac; ++i) {
      const int j = dp + i;
      out += j >= 0 && j < nd ? digits[static_cast<std::size_t>(j)] : '0';
    }
  }
  return out;
}

std::string format_openmetrics_float(double v) {
  std::string s = format_go_float(v);
  if (s.find_first_of(".eIN") == std::string::npos) s += ".0";
  return s;
}

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string escape_help(std::string_view v, ExpositionFormat f) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '"' && f == ExpositionFormat::kOpenMetrics)
      out += "\\\"";
    else
      out += c;
  }
  return out;
}

std::string format_timestamp_ms(std::int64_t ms) {
  // Seconds, then up to 3 decimals without trailing zeros (ms >= 0: times after 1970).
  assert(ms >= 0);
  std::string out = std::to_string(ms / 1000);
  if (const auto frac = ms % 1000; frac != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(frac));
    std::string f = buf;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out;
}

void write_exposition(std::ostream& out, const MetricsSnapshot& s, ExpositionFormat f) {
  std::string text;
  for (const auto& fam : s.families) {
    if (fam.series.empty()) continue;
    const FamilyText t = family_text(fam.name, fam.help, fam.type, fam.bounds, f);
    text += t.header;
    for (const auto& series : fam.series) {
      assert(series.values.size() == (fam.type == MetricType::kHistogram ? t.les.size() + 2 : 1));
      append_point(text, fam.name, fam.type, t, label_text(series.labels), series.values.data(), f,
                   {});
    }
  }
  if (f == ExpositionFormat::kOpenMetrics) text += "# EOF\n";
  out << text;
}

void write_openmetrics_history(std::ostream& out, const MetricsHistory& h, std::int64_t epoch_ms) {
  const auto f = ExpositionFormat::kOpenMetrics;
  const auto& times = h.times_ms();
  std::vector<std::string> stamps;
  stamps.reserve(times.size());
  for (auto ms : times) {
    std::string stamp(1, ' ');
    stamp += format_timestamp_ms(epoch_ms + ms);
    stamps.push_back(std::move(stamp));
  }
  std::string text, point;
  std::vector<double> values;
  std::vector<std::size_t> cursor;
  for (const auto& fam : h.families()) {
    const bool any = std::any_of(fam.series.begin(), fam.series.end(), [](const auto& t) {
      return !t.slots.empty() && !t.slots[0].at.empty();
    });
    if (!any) continue;
    const FamilyText t = family_text(fam.name, fam.help, fam.type, fam.bounds, f);
    text += t.header;
    for (const auto& track : fam.series) {
      if (track.slots.empty() || track.slots[0].at.empty()) continue;
      const std::string labels = label_text(track.labels);
      values.assign(track.slots.size(), 0);
      cursor.assign(track.slots.size(), 0);
      for (std::size_t i = track.first; i < times.size(); ++i) {
        bool changed = i == track.first;
        for (std::size_t v = 0; v < track.slots.size(); ++v) {
          const auto& slot = track.slots[v];
          if (cursor[v] < slot.at.size() && slot.at[cursor[v]] == i) {
            values[v] = slot.value[cursor[v]++];
            changed = true;
          }
        }
        if (changed) {  // format the values once per change, not once per sample
          point.clear();
          append_point(point, fam.name, fam.type, t, labels, values.data(), f, {});
        }
        append_stamped(text, point, stamps[i]);
        if (text.size() > (1u << 20)) {
          out << text;
          text.clear();
        }
      }
    }
  }
  text += "# EOF\n";
  out << text;
}

}  // namespace fleetsim::output
