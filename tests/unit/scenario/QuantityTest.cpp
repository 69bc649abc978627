#include "scenario/Quantity.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using namespace fleetsim::scenario;

TEST(ParseDuration, SingleUnits) {
  EXPECT_DOUBLE_EQ(parse_duration("250ms"), 0.25);
  EXPECT_DOUBLE_EQ(parse_duration("2h"), 7200);
  EXPECT_DOUBLE_EQ(parse_duration("3m"), 180);
  EXPECT_DOUBLE_EQ(parse_duration("10s"), 10);
  EXPECT_DOUBLE_EQ(parse_duration("7ns"), 7e-9);
  EXPECT_DOUBLE_EQ(parse_duration("7us"), 7e-6);
  EXPECT_DOUBLE_EQ(parse_duration("7\xC2\xB5s"), 7e-6);  // U+00B5 micro sign
  EXPECT_DOUBLE_EQ(parse_duration("7\xCE\xBCs"), 7e-6);  // U+03BC Greek mu
}

TEST(ParseDuration, SequencesAndFractions) {
  EXPECT_DOUBLE_EQ(parse_duration("1h30m"), 5400);
  EXPECT_DOUBLE_EQ(parse_duration("1.5s"), 1.5);
  EXPECT_DOUBLE_EQ(parse_duration("1m30.5s"), 90.5);
  EXPECT_DOUBLE_EQ(parse_duration("1.5h"), 5400);
  EXPECT_DOUBLE_EQ(parse_duration(".5s"), 0.5);
  EXPECT_DOUBLE_EQ(parse_duration("1.s"), 1);
  EXPECT_DOUBLE_EQ(parse_duration("1s1h"), 3601);  // Go allows any order
  EXPECT_DOUBLE_EQ(parse_duration("0.000000001s"), 1e-9);
}

TEST(ParseDuration, SignsAndBareZero) {
  EXPECT_EQ(parse_duration("0"), 0);
  EXPECT_EQ(parse_duration("-0"), 0);
  EXPECT_EQ(parse_duration("+0"), 0);
  EXPECT_DOUBLE_EQ(parse_duration("-1.5s"), -1.5);
  EXPECT_DOUBLE_EQ(parse_duration("+2m"), 120);
  EXPECT_EQ(parse_duration("0s"), 0);
}

TEST(ParseDuration, RejectsMalformedText) {
  for (const char* bad : {"", "1", "1x", "h", "-", "+", ".s", "00", "0.0", "1 s", " 1s", "1s ",
                          "1S", "1h-30m", "1..5s", "s1", "1e3s", "--1s"}) {
    EXPECT_THROW(parse_duration(bad), std::invalid_argument) << '"' << bad << '"';
  }
}

TEST(ParseDuration, ErrorMessagesAreShortAndQuoteTheInput) {
  try {
    parse_duration("1x");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown unit \"x\" in duration \"1x\"");
  }
  try {
    parse_duration("1");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "missing unit in duration \"1\"");
  }
}

TEST(ParseDuration, RejectsValuesBeyondGoRange) {
  EXPECT_DOUBLE_EQ(parse_duration("2562047h"), 2562047.0 * 3600);
  EXPECT_THROW(parse_duration("2562048h"), std::invalid_argument);
  EXPECT_THROW(parse_duration("9223372036854775808ns"), std::invalid_argument);
  EXPECT_DOUBLE_EQ(parse_duration("-9223372036854775808ns"), -9223372036854775808.0 / 1e9);
  EXPECT_THROW(parse_duration("99999999999999999999s"), std::invalid_argument);
}

TEST(ParseQuantity, PlainAndDecimalSuffixes) {
  EXPECT_DOUBLE_EQ(parse_quantity("4"), 4);
  EXPECT_DOUBLE_EQ(parse_quantity("500m"), 0.5);
  EXPECT_EQ(parse_quantity("500m"), 0.5);
  EXPECT_DOUBLE_EQ(parse_quantity("1G"), 1e9);
  EXPECT_DOUBLE_EQ(parse_quantity("2k"), 2000);
  EXPECT_DOUBLE_EQ(parse_quantity("3M"), 3e6);
  EXPECT_DOUBLE_EQ(parse_quantity("1T"), 1e12);
  EXPECT_DOUBLE_EQ(parse_quantity("1P"), 1e15);
  EXPECT_DOUBLE_EQ(parse_quantity("1E"), 1e18);
  EXPECT_DOUBLE_EQ(parse_quantity("5u"), 5e-6);
  EXPECT_DOUBLE_EQ(parse_quantity("5n"), 5e-9);
}

TEST(ParseQuantity, BinarySuffixes) {
  EXPECT_EQ(parse_quantity("512Mi"), 536870912);
  EXPECT_EQ(parse_quantity("1Ki"), 1024);
  EXPECT_EQ(parse_quantity("1.5Gi"), 1.5 * 1073741824);
  EXPECT_EQ(parse_quantity("2Ti"), 2 * 1099511627776.0);
  EXPECT_EQ(parse_quantity("1Pi"), 1125899906842624.0);
  EXPECT_EQ(parse_quantity("1Ei"), 1152921504606846976.0);
}

TEST(ParseQuantity, DecimalExponents) {
  EXPECT_DOUBLE_EQ(parse_quantity("1e3"), 1000);
  EXPECT_DOUBLE_EQ(parse_quantity("12E-3"), 0.012);
  EXPECT_DOUBLE_EQ(parse_quantity("1e+2"), 100);
  EXPECT_DOUBLE_EQ(parse_quantity("1.5e1"), 15);
}

TEST(ParseQuantity, SignsAndFractionForms) {
  EXPECT_DOUBLE_EQ(parse_quantity("-2"), -2);
  EXPECT_DOUBLE_EQ(parse_quantity("+2k"), 2000);
  EXPECT_DOUBLE_EQ(parse_quantity(".5"), 0.5);
  EXPECT_DOUBLE_EQ(parse_quantity("5."), 5);
  EXPECT_DOUBLE_EQ(parse_quantity("0.1"), 0.1);
  EXPECT_EQ(parse_quantity("100m"), 0.1);  // correctly rounded, not 100 * 0.001
}

TEST(ParseQuantity, RejectsMalformedText) {
  for (const char* bad :
       {"",   "1.2.3", "Mi", "5 Mi", "1kb", "1K",   "1e", "1e+",   "1mi", "1MiB",
        " 1", "1 ",    ".",  "-",    "+.",  "1Ki2", "e3", "1e3.5", "--1", "1m1"}) {
    EXPECT_THROW(parse_quantity(bad), std::invalid_argument) << '"' << bad << '"';
  }
}

TEST(ParseQuantity, RejectsOutOfRange) {
  EXPECT_THROW(parse_quantity("1e400"), std::invalid_argument);
  EXPECT_THROW(parse_quantity("1e99999999999999999999"), std::invalid_argument);
}

TEST(ParseQuantity, ErrorMessageNamesTheSuffix) {
  try {
    parse_quantity("1kb");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "invalid quantity \"1kb\": unknown suffix \"kb\"");
  }
}

TEST(ParseCpuAndMemory, UseQuantitySyntax) {
  EXPECT_DOUBLE_EQ(parse_cpu("500m"), 0.5);
  EXPECT_DOUBLE_EQ(parse_cpu("4"), 4);
  EXPECT_EQ(parse_memory("512Mi"), 536870912);
  EXPECT_EQ(parse_memory("1G"), 1e9);
  EXPECT_THROW(parse_cpu("1.2.3"), std::invalid_argument);
  EXPECT_THROW(parse_memory("5 Mi"), std::invalid_argument);
}

TEST(ParseCpuAndMemory, RejectNegativeValues) {
  EXPECT_THROW(parse_cpu("-1"), std::invalid_argument);
  EXPECT_THROW(parse_memory("-1Mi"), std::invalid_argument);
  EXPECT_EQ(parse_cpu("0"), 0);
}

TEST(FormatDuration, CompactForms) {
  EXPECT_EQ(format_duration(7200), "2h");
  EXPECT_EQ(format_duration(5400), "1h30m");
  EXPECT_EQ(format_duration(0.25), "250ms");
  EXPECT_EQ(format_duration(90.5), "1m30.5s");
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(1), "1s");
  EXPECT_EQ(format_duration(3600.25), "1h0.25s");
  EXPECT_EQ(format_duration(1.5e-6), "1.5us");
  EXPECT_EQ(format_duration(7e-9), "7ns");
  EXPECT_EQ(format_duration(0.0015), "1.5ms");
  EXPECT_EQ(format_duration(-90), "-1m30s");
  EXPECT_EQ(format_duration(1.000000001), "1.000000001s");
}

TEST(FormatDuration, RoundsToWholeNanoseconds) {
  EXPECT_EQ(format_duration(1e-10), "0s");
  EXPECT_EQ(format_duration(0.9999999999), "1s");
}

TEST(FormatDuration, RoundTripsThroughParseDuration) {
  for (double s : {0.0,          1e-9,   2.5e-7,
                   1e-6,         0.001,  0.25,
                   0.123456789,  1.0,    1.5,
                   59.999999999, 60.0,   90.5,
                   3599.5,       3600.0, 3661.001,
                   5400.0,       7200.0, 86400.123456789,
                   -42.125,      1e6,    123456.000000001}) {
    const std::string text = format_duration(s);
    EXPECT_EQ(parse_duration(text), s) << s << " -> " << text;
  }
}

TEST(FormatDuration, RoundTripsOnAGridOfNanosecondValues) {
  for (long long ns = 1; ns < 400'000'000'000'000LL; ns = ns * 7 + 3) {
    const double s = static_cast<double>(ns) / 1e9;
    EXPECT_EQ(parse_duration(format_duration(s)), s) << ns;
  }
}
