#include "scenario/JsonText.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace fleetsim::scenario::json_text;

namespace {

TEST(JsonText, WordCharactersAreLettersDigitsAndUnderscore) {
  EXPECT_TRUE(is_word('a'));
  EXPECT_TRUE(is_word('Z'));
  EXPECT_TRUE(is_word('7'));
  EXPECT_TRUE(is_word('_'));
  EXPECT_FALSE(is_word('-'));
  EXPECT_FALSE(is_word('.'));
  EXPECT_FALSE(is_word(0xC3));
}

TEST(JsonText, DescribeQuotesPrintableAsciiAndGivesOtherBytesInHex) {
  EXPECT_EQ(describe('x'), "character 'x'");
  EXPECT_EQ(describe(' '), "byte 0x20");
  EXPECT_EQ(describe(0x7F), "byte 0x7F");
  EXPECT_EQ(describe(0xE9), "byte 0xE9");
}

TEST(JsonText, Utf8LengthAcceptsWellFormedSequences) {
  EXPECT_EQ(utf8_length("\xC3\xA9", 0), 2u);          // U+00E9
  EXPECT_EQ(utf8_length("\xE2\x82\xAC", 0), 3u);      // U+20AC
  EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80", 0), 4u);  // U+1F600
  EXPECT_EQ(utf8_length("a\xC3\xA9", 1), 2u);
}

TEST(JsonText, Utf8LengthRejectsOverlongSurrogateAndOutOfRangeForms) {
  EXPECT_EQ(utf8_length("\xC0\xAF", 0), 0u);          // overlong '/'
  EXPECT_EQ(utf8_length("\xE0\x80\xAF", 0), 0u);      // overlong 3-byte
  EXPECT_EQ(utf8_length("\xED\xA0\x80", 0), 0u);      // U+D800 surrogate
  EXPECT_EQ(utf8_length("\xF4\x90\x80\x80", 0), 0u);  // above U+10FFFF
  EXPECT_EQ(utf8_length("\x80", 0), 0u);              // lone continuation byte
}

TEST(JsonText, Utf8LengthRejectsTruncatedSequences) {
  EXPECT_EQ(utf8_length("\xE2\x82", 0), 0u);
  EXPECT_EQ(utf8_length("\xF0\x9F\x98", 0), 0u);
  EXPECT_EQ(utf8_length("\xE2\x82x", 0), 0u);
}

TEST(JsonText, AppendUtf8EncodesEachLength) {
  std::string s;
  append_utf8(s, 0x41);
  append_utf8(s, 0xE9);
  append_utf8(s, 0x20AC);
  append_utf8(s, 0x1F600);
  EXPECT_EQ(s, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(JsonText, HexValueReadsBothCasesAndRejectsOthers) {
  EXPECT_EQ(hex_value('0'), 0);
  EXPECT_EQ(hex_value('9'), 9);
  EXPECT_EQ(hex_value('a'), 10);
  EXPECT_EQ(hex_value('F'), 15);
  EXPECT_EQ(hex_value('g'), -1);
}

TEST(JsonText, DecimalMagnitudeCountsIntegerDigitsAndExponent) {
  EXPECT_EQ(decimal_magnitude("1"), 1);
  EXPECT_EQ(decimal_magnitude("-123"), 3);
  EXPECT_EQ(decimal_magnitude("007.5"), 1);
  EXPECT_EQ(decimal_magnitude("1.5e3"), 4);
  EXPECT_EQ(decimal_magnitude("1E+2"), 3);
  EXPECT_EQ(decimal_magnitude("0.001"), -2);
  EXPECT_EQ(decimal_magnitude("0.5e-1"), -1);
  EXPECT_EQ(decimal_magnitude("0"), 0);
}

TEST(JsonText, DecimalMagnitudeSaturatesHugeExponents) {
  EXPECT_EQ(decimal_magnitude("1e99999999999999999999"), 1 + (1LL << 40));
  EXPECT_EQ(decimal_magnitude("1e-99999999999999999999"), 1 - (1LL << 40));
}

}  // namespace
