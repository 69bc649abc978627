// JsonValues: numbers of seconds are durations within Go's range (found by fuzzing: a
// horizon of 1e300 was accepted).
#include <gtest/gtest.h>

#include "scenario/JsonValues.hpp"

using namespace fleetsim::scenario;

TEST(JsonValues, ANumberOfSecondsBeyondGoDurationRangeIsAnError) {
  EXPECT_EQ(duration_value(Json(9e9)), 9e9);
  EXPECT_EQ(duration_value(Json(-5)), -5);
  try {
    duration_value(Json(1e300));
    FAIL() << "expected a FieldError";
  } catch (const FieldError& e) {
    EXPECT_STREQ(e.what(),
                 "duration 1e+300 s out of range (at most 9.22337e+09 s, about 292 years)");
  }
  EXPECT_THROW(duration_value(Json(-1e10)), FieldError);
}

TEST(JsonValues, ADurationStringBeyondGoRangeIsAnError) {
  EXPECT_THROW(duration_value(Json("99999999999999999999h")), FieldError);
  EXPECT_THROW(duration_value(Json("1e300s")), FieldError);
}
