// JsonText: the byte-level rules of JSON text that JsoncDocument's parser applies, as pure
// functions (no state, no allocation beyond the returned strings).
//
// Models: RFC 8259 character classes, UTF-8 well-formedness (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), \uXXXX escapes and the magnitude of a number token.
// Units: positions and lengths are byte offsets into the text.
// Invariants: every function is total on its stated domain and never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fleetsim::scenario::json_text {

bool is_digit(int c);
// A letter, digit or '_': the characters a bare word (true, false, null, a typo) is made of.
bool is_word(int c);
// "0xNN", upper-case hex.
std::string hex_byte(unsigned char c);
// "character 'x'" for printable ASCII, "byte 0xNN" otherwise.
std::string describe(unsigned char c);
// Length of the valid UTF-8 sequence starting at s[i] (a byte >= 0x80), or 0 if invalid.
std::size_t utf8_length(std::string_view s, std::size_t i);
// Appends code point cp (<= U+10FFFF, not a surrogate) encoded as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);
// Value of a hexadecimal digit, or -1.
int hex_value(int c);
// Order of magnitude (position of the first significant digit relative to the decimal point)
// of a syntactically valid JSON number; > 0 means |value| >= 1. Exponents too large for
// long long count as +-2^40.
long long decimal_magnitude(std::string_view token);

}  // namespace fleetsim::scenario::json_text
