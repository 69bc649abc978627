#include "scenario/Quantity.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace fleetsim::scenario {

namespace {

constexpr std::uint64_t kMaxNanos = std::uint64_t{1} << 63;  // Go: |time.Duration| <= 2^63 ns
constexpr std::uint64_t kSecond = 1'000'000'000;
constexpr std::uint64_t kMinute = 60 * kSecond;
constexpr std::uint64_t kHour = 60 * kMinute;

std::string quoted(std::string_view text) {
  std::string out(1, '"');  // not "\"" + std::string(text): GCC 12 warns falsely (-Wrestrict)
  out.append(text);
  return out += '"';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// ---- durations (mirrors Go's time.ParseDuration) ----

[[noreturn]] void bad_duration(std::string_view text, const std::string& why = "invalid") {
  throw std::invalid_argument(why + " duration " + quoted(text));
}

[[noreturn]] void duration_out_of_range(std::string_view text) {
  throw std::invalid_argument("duration " + quoted(text) + " out of range");
}

std::uint64_t unit_nanos(std::string_view unit, std::string_view text) {
  struct Unit {
    std::string_view name;
    std::uint64_t nanos;
  };
  static constexpr Unit kUnits[] = {
      {"ns", 1},           {"us", 1000},   {"\xC2\xB5s", 1000},  // U+00B5 micro sign
      {"\xCE\xBCs", 1000},                                       // U+03BC Greek mu
      {"ms", 1'000'000},   {"s", kSecond}, {"m", kMinute},      {"h", kHour}};
  for (const Unit& u : kUnits) {
    if (u.name == unit) return u.nanos;
  }
  throw std::invalid_argument("unknown unit " + quoted(unit) + " in duration " + quoted(text));
}

// Consumes leading digits of s into an integer; false on overflow past 2^63.
bool leading_int(std::string_view& s, std::uint64_t& value) {
  value = 0;
  while (!s.empty() && is_digit(s[0])) {
    if (value > kMaxNanos / 10) return false;
    value = value * 10 + static_cast<std::uint64_t>(s[0] - '0');
    if (value > kMaxNanos) return false;
    s.remove_prefix(1);
  }
  return true;
}

// Consumes leading digits of s as a fraction value/scale; digits past int64 precision are dropped.
void leading_fraction(std::string_view& s, std::uint64_t& value, double& scale) {
  value = 0;
  scale = 1;
  bool overflow = false;
  for (; !s.empty() && is_digit(s[0]); s.remove_prefix(1)) {
    if (overflow || value > (kMaxNanos - 1) / 10) {
      overflow = true;
      continue;
    }
    value = value * 10 + static_cast<std::uint64_t>(s[0] - '0');
    scale *= 10;
  }
}

// One "<number><unit>" element of a duration, in nanoseconds.
std::uint64_t duration_element(std::string_view& s, std::string_view text) {
  if (!(s[0] == '.' || is_digit(s[0]))) bad_duration(text);
  std::uint64_t whole = 0, fraction = 0;
  double scale = 1;
  const std::size_t before = s.size();
  if (!leading_int(s, whole)) duration_out_of_range(text);
  const bool pre = s.size() != before;
  bool post = false;
  if (!s.empty() && s[0] == '.') {
    s.remove_prefix(1);
    const std::size_t at_fraction = s.size();
    leading_fraction(s, fraction, scale);
    post = s.size() != at_fraction;
  }
  if (!pre && !post) bad_duration(text);
  std::size_t i = 0;
  while (i < s.size() && s[i] != '.' && !is_digit(s[i])) ++i;
  if (i == 0) bad_duration(text, "missing unit in");
  const std::uint64_t unit = unit_nanos(s.substr(0, i), text);
  s.remove_prefix(i);
  if (whole > kMaxNanos / unit) duration_out_of_range(text);
  std::uint64_t nanos = whole * unit;
  nanos += static_cast<std::uint64_t>(static_cast<double>(fraction) * (double(unit) / scale));
  if (nanos > kMaxNanos) duration_out_of_range(text);
  return nanos;
}

// v / 10^digits written in decimal without trailing zeros ("30.5", "250").
std::string decimal(std::uint64_t v, int digits) {
  std::uint64_t ten = 1;
  for (int i = 0; i < digits; ++i) ten *= 10;
  std::string out = std::to_string(v / ten);
  if (v % ten == 0) return out;
  std::string fraction = std::to_string(v % ten);
  fraction.insert(0, static_cast<std::size_t>(digits) - fraction.size(), '0');
  fraction.erase(fraction.find_last_not_of('0') + 1);
  return out + "." + fraction;
}

// ---- Kubernetes quantities ----

[[noreturn]] void bad_quantity(std::string_view text, const std::string& why) {
  throw std::invalid_argument("invalid quantity " + quoted(text) + ": " + why);
}

// The decimal exponent of a decimal-SI suffix or "e<int>" suffix; false if not one.
bool decimal_exponent(std::string_view suffix, std::string_view text, long long& exponent) {
  static constexpr std::pair<std::string_view, int> kSuffixes[] = {
      {"n", -9}, {"u", -6}, {"m", -3}, {"", 0},   {"k", 3},
      {"M", 6},  {"G", 9},  {"T", 12}, {"P", 15}, {"E", 18}};
  for (const auto& [name, exp] : kSuffixes) {
    if (name == suffix) return exponent = exp, true;
  }
  if (suffix.size() < 2 || (suffix[0] != 'e' && suffix[0] != 'E')) return false;
  std::string_view digits = suffix.substr(1);
  if (digits[0] == '+') digits.remove_prefix(1);
  const char* end = digits.data() + digits.size();
  const auto [stop, ec] = std::from_chars(digits.data(), end, exponent);
  if (stop != end) return false;
  if (ec != std::errc{}) bad_quantity(text, "exponent out of range");
  return true;
}

int binary_exponent(std::string_view suffix) {
  static constexpr std::string_view kSuffixes[] = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  for (int i = 0; i < 6; ++i) {
    if (kSuffixes[i] == suffix) return 10 * (i + 1);
  }
  return 0;
}

double to_double(const std::string& number, std::string_view text) {
  double value = 0;
  const auto [stop, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc{} || stop != number.data() + number.size() || !std::isfinite(value)) {
    bad_quantity(text, "out of range");
  }
  return value;
}

double non_negative(double value, std::string_view what, std::string_view text) {
  if (value < 0) {
    throw std::invalid_argument(std::string(what) + " must not be negative: " + quoted(text));
  }
  return value;
}

}  // namespace

double parse_duration(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0;
  if (s.empty()) bad_duration(text);
  std::uint64_t total = 0;
  while (!s.empty()) {
    total += duration_element(s, text);
    if (total > kMaxNanos || (!negative && total == kMaxNanos)) duration_out_of_range(text);
  }
  const double seconds = static_cast<double>(total) / 1e9;
  return negative ? -seconds : seconds;
}

double parse_quantity(std::string_view text) {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) ++i;
  const std::size_t digits_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  std::size_t digits = i - digits_start;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    digits += i - fraction_start;
  }
  if (digits == 0) bad_quantity(text, "expected a number");
  std::string number(text.substr(digits_start, i - digits_start));
  const std::string_view suffix = text.substr(i);
  double value = 0;
  long long exponent = 0;
  if (const int binary = binary_exponent(suffix)) {
    value = std::ldexp(to_double(number, text), binary);
  } else if (decimal_exponent(suffix, text, exponent)) {
    value = to_double(number + "e" + std::to_string(exponent), text);
  } else {
    bad_quantity(text, "unknown suffix " + quoted(suffix));
  }
  if (!std::isfinite(value)) bad_quantity(text, "out of range");
  return negative ? -value : value;
}

double parse_cpu(std::string_view text) {
  return non_negative(parse_quantity(text), "cpu", text);
}

double parse_memory(std::string_view text) {
  return non_negative(parse_quantity(text), "memory", text);
}

std::string format_duration(double seconds) {
  if (std::isnan(seconds)) return "NaN";
  const std::string sign = seconds < 0 ? "-" : "";
  const double nanos = std::round(std::fabs(seconds) * 1e9);
  if (nanos == 0) return "0s";
  if (!(nanos < 0x1p64)) {  // beyond what a duration can express: whole hours, or inf
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.0fh", std::fabs(seconds) / 3600);
    return sign + (std::isinf(seconds) ? "inf" : buffer);
  }
  const auto u = static_cast<std::uint64_t>(nanos);
  if (u < 1000) return sign + std::to_string(u) + "ns";
  if (u < 1'000'000) return sign + decimal(u, 3) + "us";
  if (u < kSecond) return sign + decimal(u, 6) + "ms";
  std::string out = sign;
  if (u >= kHour) out += std::to_string(u / kHour) + "h";
  if (u % kHour >= kMinute) out += std::to_string(u % kHour / kMinute) + "m";
  if (u % kMinute != 0) out += decimal(u % kMinute, 9) + "s";
  return out;
}

}  // namespace fleetsim::scenario
