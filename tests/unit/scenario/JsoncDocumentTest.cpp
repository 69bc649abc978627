#include "scenario/JsoncDocument.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/InputError.hpp"

using namespace fleetsim::scenario;

namespace {

Location at(int line, int column) {
  return Location{"t.jsonc", line, column};
}

// Line numbers are on the left; columns are counted in the tests below.
constexpr const char* kScenario =
    "{\n"                                    // 1
    "  // a line comment\n"                  // 2
    "  \"name\": \"demo\",   /* block\n"     // 3
    "  comment */ \"nodes\": [\n"            // 4
    "    {\"cpu\": 4, \"mem\": \"8Gi\"},\n"  // 5
    "    [1, [2, 3]]\n"                      // 6
    "  ],\n"                                 // 7
    "  \"n\": -1.5e3\n"                      // 8
    "}\n";                                   // 9

}  // namespace

TEST(JsoncDocument, RootIsAtLineOneColumnOne) {
  const auto doc = JsoncDocument::parse(kScenario, "t.jsonc");
  EXPECT_EQ(doc.value_location(""), at(1, 1));
  EXPECT_EQ(doc.key_location(""), at(1, 1));
  EXPECT_EQ(doc.file(), "t.jsonc");
}

TEST(JsoncDocument, RecordsValueAndKeyPositionsOnMultiLineInput) {
  const auto doc = JsoncDocument::parse(kScenario, "t.jsonc");
  EXPECT_EQ(doc.key_location("name"), at(3, 3));
  EXPECT_EQ(doc.value_location("name"), at(3, 11));
  EXPECT_EQ(doc.key_location("n"), at(8, 3));
  EXPECT_EQ(doc.value_location("n"), at(8, 8));
}

TEST(JsoncDocument, RecordsPositionsAfterComments) {
  const auto doc = JsoncDocument::parse(kScenario, "t.jsonc");
  EXPECT_EQ(doc.key_location("nodes"), at(4, 14));
  EXPECT_EQ(doc.value_location("nodes"), at(4, 23));
}

TEST(JsoncDocument, RecordsPositionsInNestedArraysAndObjects) {
  const auto doc = JsoncDocument::parse(kScenario, "t.jsonc");
  EXPECT_EQ(doc.value_location("nodes[0]"), at(5, 5));
  EXPECT_EQ(doc.key_location("nodes[0].cpu"), at(5, 6));
  EXPECT_EQ(doc.value_location("nodes[0].cpu"), at(5, 13));
  EXPECT_EQ(doc.key_location("nodes[0].mem"), at(5, 16));
  EXPECT_EQ(doc.value_location("nodes[0].mem"), at(5, 23));
  EXPECT_EQ(doc.value_location("nodes[1]"), at(6, 5));
  EXPECT_EQ(doc.value_location("nodes[1][0]"), at(6, 6));
  EXPECT_EQ(doc.value_location("nodes[1][1]"), at(6, 9));
  EXPECT_EQ(doc.value_location("nodes[1][1][1]"), at(6, 13));
}

TEST(JsoncDocument, KeyLocationOfArrayElementIsItsValueLocation) {
  const auto doc = JsoncDocument::parse(kScenario, "t.jsonc");
  EXPECT_EQ(doc.key_location("nodes[1][1][0]"), doc.value_location("nodes[1][1][0]"));
  EXPECT_EQ(doc.key_location("nodes[1][1][0]"), at(6, 10));
}

TEST(JsoncDocument, UnknownPathGivesNearestKnownAncestor) {
  const auto doc = JsoncDocument::parse(kScenario, "t.jsonc");
  EXPECT_EQ(doc.value_location("nodes[0].disk"), at(5, 5));
  EXPECT_EQ(doc.value_location("nodes[0].disk.size"), at(5, 5));
  EXPECT_EQ(doc.value_location("nodes[7].cpu"), at(4, 23));
  EXPECT_EQ(doc.key_location("nodes[7]"), at(4, 14));
  EXPECT_EQ(doc.value_location("missing"), at(1, 1));
}

TEST(JsoncDocument, HasKnowsEveryValuePath) {
  const auto doc = JsoncDocument::parse(kScenario, "t.jsonc");
  EXPECT_TRUE(doc.has(""));
  EXPECT_TRUE(doc.has("nodes[0].cpu"));
  EXPECT_TRUE(doc.has("nodes[1][1][1]"));
  EXPECT_FALSE(doc.has("nodes[1][1][2]"));
  EXPECT_FALSE(doc.has("cpu"));
}

TEST(JsoncDocument, BuildsTheValueTree) {
  const auto doc = JsoncDocument::parse(kScenario, "t.jsonc");
  EXPECT_EQ(doc.root().dump(),
            R"({"name":"demo","nodes":[{"cpu":4,"mem":"8Gi"},[1,[2,3]]],"n":-1500.0})");
}

TEST(JsoncDocument, KeepsKeyOrder) {
  const auto doc = JsoncDocument::parse(R"({"z": 1, "a": 2, "m": {"y": 0, "b": 1}})", "t");
  EXPECT_EQ(doc.root().dump(), R"({"z":1,"a":2,"m":{"y":0,"b":1}})");
}

TEST(JsoncDocument, AllowsTrailingCommasInObjectsAndArrays) {
  const auto doc = JsoncDocument::parse("{\"a\": [1, 2,], \"b\": {\"c\": [],},\n}", "t");
  EXPECT_EQ(doc.root().dump(), R"({"a":[1,2],"b":{"c":[]}})");
}

TEST(JsoncDocument, AcceptsEmptyContainersAndScalarRoots) {
  EXPECT_EQ(JsoncDocument::parse("{}", "t").root().dump(), "{}");
  EXPECT_EQ(JsoncDocument::parse(" [ ] ", "t").root().dump(), "[]");
  EXPECT_EQ(JsoncDocument::parse("/* c */ true // c", "t").root(), true);
  EXPECT_TRUE(JsoncDocument::parse("null", "t").root().is_null());
  EXPECT_EQ(JsoncDocument::parse("false", "t").root(), false);
}

TEST(JsoncDocument, IntegersThatFitAreInt64) {
  const auto doc = JsoncDocument::parse("[42, -7, -0, 9223372036854775807]", "t");
  for (const auto& v : doc.root()) EXPECT_EQ(v.type(), nlohmann::json::value_t::number_integer);
  EXPECT_EQ(doc.root()[0].get<std::int64_t>(), 42);
  EXPECT_EQ(doc.root()[1].get<std::int64_t>(), -7);
  EXPECT_EQ(doc.root()[3].get<std::int64_t>(), INT64_MAX);
}

TEST(JsoncDocument, IntegersAboveInt64AreUint64) {
  const auto doc = JsoncDocument::parse("18446744073709551615", "t");
  EXPECT_EQ(doc.root().type(), nlohmann::json::value_t::number_unsigned);
  EXPECT_EQ(doc.root().get<std::uint64_t>(), UINT64_MAX);
}

TEST(JsoncDocument, FractionsExponentsAndHugeIntegersAreDouble) {
  const auto doc =
      JsoncDocument::parse("[1.0, 1e2, 2.5E-1, 18446744073709551616, -9223372036854775809]", "t");
  for (const auto& v : doc.root()) EXPECT_TRUE(v.is_number_float()) << v.dump();
  EXPECT_DOUBLE_EQ(doc.root()[1].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(doc.root()[2].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(doc.root()[3].get<double>(), 18446744073709551616.0);
}

TEST(JsoncDocument, TinyNumbersUnderflowToZero) {
  const auto doc = JsoncDocument::parse("[1e-400, -0.0000000001e-400]", "t");
  EXPECT_EQ(doc.root()[0].get<double>(), 0.0);
  EXPECT_EQ(doc.root()[1].get<double>(), 0.0);
}

TEST(JsoncDocument, DecodesEscapesAndSurrogatePairs) {
  const auto doc = JsoncDocument::parse(R"(["\u00e9\uD83D\uDE00\n\t\"\\\/\b\f\r", "\u0041"])", "t");
  EXPECT_EQ(doc.root()[0].get<std::string>(), "\xC3\xA9\xF0\x9F\x98\x80\n\t\"\\/\b\f\r");
  EXPECT_EQ(doc.root()[1].get<std::string>(), "A");
}

TEST(JsoncDocument, KeepsRawUtf8InStrings) {
  const auto doc = JsoncDocument::parse("{\"z\xC3\xA9\": \"\xE2\x82\xAC \xF0\x9F\x98\x80\"}", "t");
  EXPECT_EQ(doc.root()["z\xC3\xA9"].get<std::string>(), "\xE2\x82\xAC \xF0\x9F\x98\x80");
}

TEST(JsoncDocument, CountsColumnsInBytesAndLinesAtLineFeeds) {
  const auto doc = JsoncDocument::parse("{\r\n\"\xC3\xA9\": 1, \"b\": 2}", "t.jsonc");
  EXPECT_EQ(doc.value_location("\xC3\xA9"), at(2, 7));
  EXPECT_EQ(doc.key_location("b"), at(2, 10));
}

TEST(JsoncDocument, SkipsByteOrderMark) {
  const auto doc = JsoncDocument::parse("\xEF\xBB\xBF{\"a\": 1}", "t.jsonc");
  EXPECT_EQ(doc.value_location(""), at(1, 1));
  EXPECT_EQ(doc.value_location("a"), at(1, 7));
}

TEST(JsoncDocument, AcceptsNestingOf64) {
  const std::string text = std::string(64, '[') + std::string(64, ']');
  EXPECT_NO_THROW(JsoncDocument::parse(text, "t"));
}

TEST(JsoncDocument, ParsesLargeObjectsQuickly) {
  std::string text = "{";
  for (int i = 0; i < 100000; ++i)
    text += "\"k" + std::to_string(i) + "\": [" + std::to_string(i) + "],";
  text += "}";
  const auto doc = JsoncDocument::parse(text, "t");
  EXPECT_EQ(doc.root().size(), 100000u);
  EXPECT_EQ(doc.root()["k99999"][0], 99999);
  EXPECT_TRUE(doc.has("k99999[0]"));
}

TEST(JsoncDocument, LoadReadsFileAndNamesItInLocations) {
  const auto path = (std::filesystem::temp_directory_path() / "fleetsim_jsonc_load.jsonc").string();
  {
    std::ofstream out(path);
    out << "// scenario\n{\"a\": 1}\n";
  }
  const auto doc = JsoncDocument::load(path);
  std::remove(path.c_str());
  EXPECT_EQ(doc.file(), path);
  EXPECT_EQ(doc.root()["a"], 1);
  EXPECT_EQ(doc.value_location("a"), (Location{path, 2, 7}));
}

TEST(JsoncDocument, LoadOfMissingFileIsInputErrorAtLineZero) {
  try {
    JsoncDocument::load("/nonexistent/fleetsim/none.jsonc");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where, (Location{"/nonexistent/fleetsim/none.jsonc", 0, 0}));
    EXPECT_EQ(e.format(),
              "/nonexistent/fleetsim/none.jsonc:0:0: cannot read file: No such file or directory");
  }
}
