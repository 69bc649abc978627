#include "scenario/JsonText.hpp"

#include <charconv>
#include <system_error>

namespace fleetsim::scenario::json_text {

bool is_digit(int c) {
  return c >= '0' && c <= '9';
}
bool is_word(int c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

std::string hex_byte(unsigned char c) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4] + kDigits[c & 0xF];
}

std::string describe(unsigned char c) {
  if (c > 0x20 && c < 0x7F) return std::string("character '") + char(c) + "'";
  return "byte " + hex_byte(c);
}

std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const unsigned b = at(0);
  const std::size_t n = (b >= 0xC2 && b <= 0xDF)   ? 2
                        : (b >= 0xE0 && b <= 0xEF) ? 3
                        : (b >= 0xF0 && b <= 0xF4) ? 4
                                                   : 0;
  const unsigned lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;  // no overlong forms
  const unsigned hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;  // no surrogates, > U+10FFFF
  if (n == 0 || at(1) < lo || at(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if ((at(k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  static constexpr unsigned kLead[] = {0x00, 0xC0, 0xE0, 0xF0};
  const int extra = cp < 0x80 ? 0 : cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
  out += char(kLead[extra] | (cp >> (6 * extra)));
  for (int k = extra - 1; k >= 0; --k) out += char(0x80 | ((cp >> (6 * k)) & 0x3F));
}

int hex_value(int c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

long long decimal_magnitude(std::string_view token) {
  const std::size_t e = token.find_first_of("eE");
  long long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = token.substr(e + 1);
    if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
    if (r.ec != std::errc{}) exponent = digits[0] == '-' ? -(1LL << 40) : (1LL << 40);
  }
  std::string_view mantissa = token.substr(0, e);
  if (!mantissa.empty() && mantissa[0] == '-') mantissa.remove_prefix(1);
  const std::size_t dot = mantissa.find('.');
  const std::string_view whole = mantissa.substr(0, dot);
  const std::size_t lead = whole.find_first_not_of('0');
  if (lead != std::string_view::npos) return static_cast<long long>(whole.size() - lead) + exponent;
  if (dot == std::string_view::npos) return exponent;
  const std::size_t zeros = mantissa.substr(dot + 1).find_first_not_of('0');
  return -static_cast<long long>(zeros) + exponent;
}

}  // namespace fleetsim::scenario::json_text
