#include "calibrate/PrometheusText.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace fleetsim::calibrate {

namespace {

constexpr std::string_view kTypes[] = {"counter",        "gauge",    "histogram",
                                       "summary",        "untyped",  "unknown",
                                       "gaugehistogram", "stateset", "info"};

// Sample-name suffixes a family of this type may have ("" is the family name itself).
std::vector<std::string_view> suffixes(std::string_view type) {
  if (type == "counter") return {"", "_total", "_created"};
  if (type == "histogram") return {"_bucket", "_sum", "_count", "_created"};
  if (type == "gaugehistogram") return {"_bucket", "_gsum", "_gcount"};
  if (type == "summary") return {"", "_sum", "_count", "_created"};
  if (type == "info") return {"_info"};
  return {""};
}

bool belongs(std::string_view sample, const PromFamily& f) {
  for (const auto s : suffixes(f.type))
    if (sample.size() == f.name.size() + s.size() && sample.starts_with(f.name) &&
        sample.ends_with(s))
      return true;
  return false;
}

bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9');
}
bool blank(char c) {
  return c == ' ' || c == '\t';
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Go strconv.ParseFloat(s, 64) for decimal text: an optional sign, then digits with an
// optional fraction and exponent, or Inf/Infinity/NaN in any case.
std::optional<double> parse_float(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s[0] == '+' || s[0] == '-') return std::nullopt;
  const std::string l = lower(s);
  if (l == "inf" || l == "infinity")
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  if (l == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (l.find_first_not_of("0123456789.e+-") != std::string::npos) return std::nullopt;
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // Go: ±Inf on overflow, 0 on underflow (with an error we do not report).
    v = l.find("e-") != std::string::npos ? 0.0 : std::numeric_limits<double>::infinity();
  } else if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  return negative ? -v : v;
}

// Offset of the first byte that is not valid UTF-8 (RFC 3629: no overlongs, surrogates or
// code points above U+10FFFF), or npos.
std::size_t invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80)
      len = 1;
    else if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
      len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
      len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
      return i;
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// Reads one line; positions are 0-based indices into it, reported 1-based.
class LineReader {
 public:
  LineReader(std::string_view line, int number) : s_(line), line_(number) {}

  [[noreturn]] void fail(std::size_t at, const std::string& message) const {
    throw PrometheusTextError(line_, static_cast<int>(at) + 1, message);
  }
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  std::size_t pos() const { return i_; }
  std::size_t skip_blanks() {
    const std::size_t start = i_;
    while (!done() && blank(s_[i_])) ++i_;
    return i_ - start;
  }
  std::string_view rest() const { return s_.substr(std::min(i_, s_.size())); }
  void to_end() { i_ = s_.size(); }

  // A metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) or a label name (no ':').
  std::string name(bool metric, const char* what) {
    const std::size_t start = i_;
    const auto ok_start = [&](char c) { return name_start(c) || (metric && c == ':'); };
    const auto ok = [&](char c) { return name_char(c) || (metric && c == ':'); };
    if (done() || !ok_start(s_[i_])) fail(i_, std::string("expected a ") + what);
    while (!done() && ok(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }
  // A token up to the next blank.
  std::string_view token() {
    const std::size_t start = i_;
    while (!done() && !blank(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }
  // "{name="value",...}" at the cursor (the '{' included).
  PromLabels labels() {
    PromLabels out;
    std::set<std::string> seen;
    ++i_;  // '{'
    for (;;) {
      skip_blanks();
      if (peek() == '}') break;
      const std::size_t at = i_;
      std::string key = name(false, "label name or '}'");
      if (!seen.insert(key).second) fail(at, "duplicate label \"" + key + "\"");
      skip_blanks();
      if (peek() != '=') fail(i_, "expected '=' after label name \"" + key + "\"");
      ++i_;
      skip_blanks();
      out.emplace_back(std::move(key), quoted());
      skip_blanks();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      if (peek() != '}') fail(i_, "expected ',' or '}' after a label value");
      break;
    }
    ++i_;  // '}'
    return out;
  }

 private:
  // "..." with escapes \\ \" \n.
  std::string quoted() {
    if (peek() != '"') fail(i_, "expected '\"' to start a label value");
    const std::size_t open = i_++;
    std::string out;
    while (!done() && s_[i_] != '"') {
      if (s_[i_] == '\\') {
        const char e = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
        if (e == '\\' || e == '"')
          out += e;
        else if (e == 'n')
          out += '\n';
        else
          fail(i_, "invalid escape sequence in a label value (only \\\\, \\\" and \\n)");
        i_ += 2;
        continue;
      }
      out += s_[i_++];
    }
    if (done()) fail(open, "label value not closed by '\"'");
    if (const auto bad = invalid_utf8(s_.substr(open + 1, i_ - open - 1));
        bad != std::string_view::npos)
      fail(open + 1 + bad, "invalid UTF-8 in a label value");
    ++i_;
    return out;
  }

  std::string_view s_;
  int line_;
  std::size_t i_ = 0;
};

// HELP text: \\ and \n, and in OpenMetrics also \" (0.0.4 keeps \" as written).
std::string unescape_help(std::string_view text, bool openmetrics) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char e = text[i + 1];
      if (e == '\\' || (e == '"' && openmetrics)) {
        out += e;
        ++i;
        continue;
      }
      if (e == 'n') {
        out += '\n';
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

class Parser {
 public:
  explicit Parser(bool openmetrics) { out_.openmetrics = openmetrics; }

  void line(std::string_view text, int number) {
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    LineReader r(text, number);
    if (eof_) {
      if (!text.empty()) r.fail(0, "text after \"# EOF\"");
      return;
    }
    r.skip_blanks();
    if (r.done()) return;
    if (r.peek() == '#') return comment(r, number);
    sample(r, number);
  }
  PromExposition take() { return std::move(out_); }

 private:
  void comment(LineReader& r, int number) {
    r.token();  // '#' and anything glued to it
    r.skip_blanks();
    const std::size_t kw_at = r.pos();
    const std::string_view kw = r.token();
    if (kw == "EOF") {
      r.skip_blanks();
      if (!r.done()) r.fail(r.pos(), "text after \"# EOF\"");
      eof_ = true;
      return;
    }
    if (kw != "HELP" && kw != "TYPE" && kw != "UNIT") return;  // a comment
    if (r.skip_blanks() == 0) r.fail(r.pos(), "expected a metric name after # " + std::string(kw));
    const std::string name = r.name(true, "metric name");
    if (!r.done() && !blank(r.peek())) r.fail(r.pos(), "unexpected character in a metric name");
    r.skip_blanks();
    if (const auto bad = invalid_utf8(r.rest()); bad != std::string_view::npos)
      r.fail(r.pos() + bad, "invalid UTF-8 in # " + std::string(kw));
    PromFamily& f = family_for(name, number);
    if (kw == "HELP") {
      if (!help_seen_.insert(name).second) r.fail(kw_at, "second HELP line for \"" + name + "\"");
      f.help = unescape_help(r.rest(), out_.openmetrics);
    } else if (kw == "UNIT") {
      f.unit = std::string(r.rest());
    } else {
      if (!type_seen_.insert(name).second) r.fail(kw_at, "second TYPE line for \"" + name + "\"");
      if (!f.samples.empty()) r.fail(kw_at, "TYPE line for \"" + name + "\" after its samples");
      const std::size_t type_at = r.pos();
      const std::string type(r.token());
      if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes))
        r.fail(type_at, "unknown metric type \"" + type + "\"");
      r.skip_blanks();
      if (!r.done()) r.fail(r.pos(), "unexpected text after the metric type");
      f.type = type;
    }
  }

  // The current family if it is `name`, else a new one.
  PromFamily& family_for(const std::string& name, int number) {
    if (current_ != npos && out_.families[current_].name == name) return out_.families[current_];
    return open(name, number);
  }
  PromFamily& open(const std::string& name, int number) {
    PromFamily f;
    f.name = name;
    f.line = number;
    out_.families.push_back(std::move(f));
    current_ = out_.families.size() - 1;
    by_name_.emplace(name, current_);
    return out_.families[current_];
  }

  void sample(LineReader& r, int number) {
    PromSample s;
    s.line = number;
    s.name = r.name(true, "metric name");
    if (!r.done() && !blank(r.peek()) && r.peek() != '{')
      r.fail(r.pos(), "unexpected character in a metric name");
    r.skip_blanks();
    if (r.peek() == '{') {
      s.labels = r.labels();
      if (!r.done() && !blank(r.peek())) r.fail(r.pos(), "expected a blank after '}'");
    }
    r.skip_blanks();
    const std::size_t value_at = r.pos();
    const std::string_view value = r.token();
    if (value.empty()) r.fail(value_at, "expected a value");
    const auto v = parse_float(value);
    if (!v) r.fail(value_at, "invalid value \"" + std::string(value) + "\"");
    s.value = *v;
    r.skip_blanks();
    if (!r.done() && r.peek() != '#') {
      const std::size_t ts_at = r.pos();
      const std::string_view ts = r.token();
      const auto t = parse_float(ts);
      if (!t || !std::isfinite(*t)) r.fail(ts_at, "invalid timestamp \"" + std::string(ts) + "\"");
      s.timestamp = out_.openmetrics ? *t : *t / 1000.0;
      r.skip_blanks();
    }
    if (!r.done()) {
      if (r.peek() != '#' || !out_.openmetrics)
        r.fail(r.pos(), "unexpected text after the sample value");
      r.to_end();  // an OpenMetrics exemplar: skipped
    }
    home(s.name, number).samples.push_back(std::move(s));
  }

  // The family a sample of this name belongs to.
  PromFamily& home(const std::string& sample, int number) {
    if (current_ != npos && belongs(sample, out_.families[current_]))
      return out_.families[current_];
    for (const auto suffix :
         {"", "_bucket", "_sum", "_count", "_total", "_created", "_gsum", "_gcount", "_info"}) {
      const std::string_view sv(suffix);
      if (!std::string_view(sample).ends_with(sv)) continue;
      const auto it = by_name_.find(sample.substr(0, sample.size() - sv.size()));
      if (it != by_name_.end() && belongs(sample, out_.families[it->second])) {
        current_ = it->second;
        return out_.families[current_];
      }
    }
    return open(sample, number);
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  PromExposition out_;
  std::size_t current_ = npos;
  std::multimap<std::string, std::size_t> by_name_;
  std::set<std::string> help_seen_, type_seen_;
  bool eof_ = false;
};

bool has_eof_line(std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l == "# EOF") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

const std::string* PromSample::label(std::string_view key) const {
  for (const auto& [k, v] : labels)
    if (k == key) return &v;
  return nullptr;
}

const PromFamily* PromExposition::family(std::string_view name) const {
  for (const auto& f : families)
    if (f.name == name) return &f;
  return nullptr;
}

std::optional<double> PrometheusText::parse_value(std::string_view text) {
  return parse_float(text);
}

PromExposition PrometheusText::parse(std::string_view text) {
  Parser p(has_eof_line(text));
  std::size_t start = 0;
  int number = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    p.line(text.substr(start, end - start), ++number);
    start = end + 1;
  }
  return p.take();
}

}  // namespace fleetsim::calibrate
