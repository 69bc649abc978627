// Unit tests of CostExpression: precedence, names (full path or unique last segment), errors.
#include <gtest/gtest.h>

#include <stdexcept>

#include "cli/CostExpression.hpp"

namespace fleetsim::cli {
namespace {

const std::vector<std::string> kParams = {"platform.hosts.hub-worker.cores",
                                          "controllers.clustersync.workers"};

double eval(const std::string& text) {
  return CostExpression::parse(text, kParams)
      .evaluate({{"platform.hosts.hub-worker.cores", 4}, {"controllers.clustersync.workers", 10}});
}

TEST(CostExpression, PrecedenceAndParentheses) {
  EXPECT_DOUBLE_EQ(eval("cores * 0.1 + workers * 0.001"), 0.41);
  EXPECT_DOUBLE_EQ(eval("1 + 2 * 3"), 7);
  EXPECT_DOUBLE_EQ(eval("(1 + 2) * 3"), 9);
  EXPECT_DOUBLE_EQ(eval("workers / cores - 1"), 1.5);
  EXPECT_DOUBLE_EQ(eval("-cores + 10"), 6);
  EXPECT_DOUBLE_EQ(eval("platform.hosts.hub-worker.cores * 2"), 8);
}

TEST(CostExpression, Errors) {
  EXPECT_THROW(eval("coers * 2"), std::invalid_argument);
  EXPECT_THROW(eval("cores *"), std::invalid_argument);
  EXPECT_THROW(eval("(cores"), std::invalid_argument);
  EXPECT_THROW(eval("cores 2"), std::invalid_argument);
  EXPECT_THROW(CostExpression::parse("x", {"a.x", "b.x"}), std::invalid_argument);  // ambiguous
}

}  // namespace
}  // namespace fleetsim::cli
