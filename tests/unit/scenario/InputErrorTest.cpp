#include "scenario/InputError.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace fleetsim::scenario;

TEST(InputError, FormatsOneDiagnosticWithPath) {
  const InputError e(Location{"a.jsonc", 3, 7}, "nodes[1].cpu", "expected a number");
  EXPECT_EQ(e.format(), "a.jsonc:3:7: nodes[1].cpu: expected a number");
  EXPECT_STREQ(e.what(), "a.jsonc:3:7: nodes[1].cpu: expected a number");
}

TEST(InputError, OmitsEmptyPath) {
  const InputError e(Diagnostic{Location{"b.jsonc", 1, 1}, "", "empty document"});
  EXPECT_EQ(e.format(), "b.jsonc:1:1: empty document");
}

TEST(InputError, FormatsOneLinePerDiagnosticInOrder) {
  const std::vector<Diagnostic> all{{{"s.jsonc", 2, 5}, "a", "first"},
                                    {{"s.jsonc", 9, 1}, "", "second"}};
  const InputError e(all);
  EXPECT_EQ(e.format(), "s.jsonc:2:5: a: first\ns.jsonc:9:1: second");
  EXPECT_EQ(e.diagnostics(), all);
}

TEST(InputError, IsARuntimeError) {
  try {
    throw InputError(Location{"f", 0, 0}, "", "cannot read file");
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "f:0:0: cannot read file");
  }
}

TEST(InputError, FormatsSingleDiagnosticStatically) {
  EXPECT_EQ(InputError::format(Diagnostic{{"x", 4, 2}, "p.q", "m"}), "x:4:2: p.q: m");
}

TEST(Location, PrintsFileLineColumn) {
  EXPECT_EQ((Location{"dir/f.jsonc", 12, 34}).to_string(), "dir/f.jsonc:12:34");
}
