// Every syntax error is an InputError at the exact line:column of the offending character.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "scenario/InputError.hpp"
#include "scenario/JsoncDocument.hpp"

using namespace fleetsim::scenario;

namespace {

// The formatted error of parsing text as "t.jsonc", or "" when it parses.
std::string error_of(std::string_view text) {
  try {
    JsoncDocument::parse(text, "t.jsonc");
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1u);
    return e.format();
  }
  return "";
}

}  // namespace

TEST(JsoncDocumentError, UnexpectedCharacterWhereAValueBelongs) {
  EXPECT_EQ(error_of(R"({"a": })"), "t.jsonc:1:7: unexpected character '}', expected a value");
  EXPECT_EQ(error_of("[1,,2]"), "t.jsonc:1:4: unexpected character ',', expected a value");
  EXPECT_EQ(error_of("[+1]"), "t.jsonc:1:2: unexpected character '+', expected a value");
  EXPECT_EQ(error_of("[.5]"), "t.jsonc:1:2: unexpected character '.', expected a value");
  EXPECT_EQ(error_of("[\xC3\xA9]"), "t.jsonc:1:2: unexpected byte 0xC3, expected a value");
}

TEST(JsoncDocumentError, MissingCommaBetweenMembersOnLaterLine) {
  EXPECT_EQ(error_of("{\n  \"a\": 1\n  \"b\": 2\n}"),
            "t.jsonc:3:3: unexpected character '\"', expected ',' or '}'");
}

TEST(JsoncDocumentError, MissingCommaBetweenArrayElements) {
  EXPECT_EQ(error_of("[1 2]"), "t.jsonc:1:4: unexpected character '2', expected ',' or ']'");
}

TEST(JsoncDocumentError, UnquotedKey) {
  EXPECT_EQ(error_of("{a: 1}"),
            "t.jsonc:1:2: unexpected character 'a', expected a string key or '}' (keys must be "
            "quoted)");
  EXPECT_EQ(error_of("{,}"), "t.jsonc:1:2: unexpected character ',', expected a string key or '}'");
}

TEST(JsoncDocumentError, MissingColon) {
  EXPECT_EQ(error_of(R"({"a" 1})"), "t.jsonc:1:6: unexpected character '1', expected ':'");
}

TEST(JsoncDocumentError, UnexpectedEndOfInput) {
  EXPECT_EQ(error_of(R"({"a": [1,)"), "t.jsonc:1:10: unexpected end of input, expected a value");
  EXPECT_EQ(error_of("{\"a\": 1\n"), "t.jsonc:2:1: unexpected end of input, expected ',' or '}'");
  EXPECT_EQ(error_of("{"), "t.jsonc:1:2: unexpected end of input, expected a string key or '}'");
  EXPECT_EQ(error_of(R"({"a")"), "t.jsonc:1:5: unexpected end of input, expected ':'");
}

TEST(JsoncDocumentError, UnknownWordIsReportedAtItsStart) {
  EXPECT_EQ(error_of("[1, tru]"),
            "t.jsonc:1:5: unexpected word 'tru', expected a value (strings must be quoted)");
  EXPECT_EQ(error_of("True"),
            "t.jsonc:1:1: unexpected word 'True', expected a value (strings must be quoted)");
}

TEST(JsoncDocumentError, UnterminatedStringPointsAtOpeningQuote) {
  EXPECT_EQ(error_of("{\"a\":\n  \"abc"), "t.jsonc:2:3: unterminated string");
  EXPECT_EQ(error_of("[\"abc\n\"]"), "t.jsonc:1:2: unterminated string");
  EXPECT_EQ(error_of("[\"abc\\"), "t.jsonc:1:2: unterminated string");
}

TEST(JsoncDocumentError, UnterminatedBlockCommentPointsAtItsStart) {
  EXPECT_EQ(error_of("{\n  /* never\n closed"), "t.jsonc:2:3: unterminated block comment");
}

TEST(JsoncDocumentError, LoneSlashIsUnexpected) {
  EXPECT_EQ(error_of(R"({"a": 1 / 2})"),
            "t.jsonc:1:9: unexpected character '/', expected ',' or '}'");
}

TEST(JsoncDocumentError, DuplicateKeyNamesMemberPathAtSecondKey) {
  EXPECT_EQ(error_of("{\n  \"x\": {\"y\": 1,\n    \"y\": 2}}"),
            "t.jsonc:3:5: x.y: duplicate key \"y\"");
  EXPECT_EQ(error_of(R"({"l": [{}, {"k": 1, "k": 2}]})"),
            "t.jsonc:1:21: l[1].k: duplicate key \"k\"");
}

TEST(JsoncDocumentError, InvalidEscapePointsAtBackslash) {
  EXPECT_EQ(error_of(R"(["a\qb"])"),
            "t.jsonc:1:4: invalid escape: backslash followed by character 'q'");
  EXPECT_EQ(error_of(R"(["\u12G4"])"), "t.jsonc:1:3: invalid \\u escape: expected 4 hex digits");
  EXPECT_EQ(error_of(R"(["\u12"])"), "t.jsonc:1:3: invalid \\u escape: expected 4 hex digits");
}

TEST(JsoncDocumentError, UnpairedSurrogates) {
  EXPECT_EQ(error_of(R"(["x\uD83Dx"])"),
            "t.jsonc:1:4: invalid \\u escape: high surrogate not followed by a low surrogate");
  EXPECT_EQ(error_of(R"(["\uD83D\u0041"])"),
            "t.jsonc:1:3: invalid \\u escape: high surrogate not followed by a low surrogate");
  EXPECT_EQ(error_of(R"(["\uDE00"])"), "t.jsonc:1:3: invalid \\u escape: unpaired low surrogate");
}

TEST(JsoncDocumentError, RawControlCharacterInString) {
  EXPECT_EQ(error_of("[\"a\tb\"]"),
            "t.jsonc:1:4: control character 0x09 in string (use an escape)");
  EXPECT_EQ(error_of(std::string_view("[\"\0\"]", 5)),
            "t.jsonc:1:3: control character 0x00 in string (use an escape)");
}

TEST(JsoncDocumentError, InvalidUtf8InString) {
  EXPECT_EQ(error_of("[\"ok\xC3\x28\"]"), "t.jsonc:1:5: invalid UTF-8 in string");
  EXPECT_EQ(error_of("[\"\xED\xA0\x80\"]"), "t.jsonc:1:3: invalid UTF-8 in string");
}

TEST(JsoncDocumentError, InvalidNumbers) {
  EXPECT_EQ(error_of("[01]"), "t.jsonc:1:3: invalid number: leading zeros are not allowed");
  EXPECT_EQ(error_of("[1.]"), "t.jsonc:1:4: invalid number: expected a digit after '.'");
  EXPECT_EQ(error_of("[-]"), "t.jsonc:1:3: invalid number: expected a digit after '-'");
  EXPECT_EQ(error_of("[1e+]"), "t.jsonc:1:5: invalid number: expected a digit in the exponent");
  EXPECT_EQ(error_of("[1.2.3]"), "t.jsonc:1:5: invalid number: unexpected character '.'");
  EXPECT_EQ(error_of("{\"t\": 10s}"), "t.jsonc:1:9: invalid number: unexpected character 's'");
  EXPECT_EQ(error_of("[1, 1e999]"), "t.jsonc:1:5: invalid number: out of range");
}

TEST(JsoncDocumentError, TrailingContentAfterRoot) {
  EXPECT_EQ(error_of("{}\n// fine\n]"), "t.jsonc:3:1: trailing content after the root value");
  EXPECT_EQ(error_of("1 2"), "t.jsonc:1:3: trailing content after the root value");
}

TEST(JsoncDocumentError, EmptyDocument) {
  EXPECT_EQ(error_of(""), "t.jsonc:1:1: empty document");
  EXPECT_EQ(error_of("  // only a comment\n/* and */ "), "t.jsonc:2:11: empty document");
}

TEST(JsoncDocumentError, NestingDeeperThan64) {
  EXPECT_EQ(error_of(std::string(65, '[') + std::string(65, ']')),
            "t.jsonc:1:65: nesting deeper than 64");
  std::string objects;
  for (int i = 0; i < 70; ++i) objects += "{\"a\":";
  EXPECT_EQ(error_of(objects), "t.jsonc:1:321: nesting deeper than 64");
}

TEST(JsoncDocumentError, HundredThousandNestedArraysStopAtTheLimitWithoutDeepRecursion) {
  EXPECT_EQ(error_of(std::string(100000, '[')), "t.jsonc:1:65: nesting deeper than 64");
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  EXPECT_EQ(error_of(objects), "t.jsonc:1:321: nesting deeper than 64");
}

TEST(JsoncDocumentError, DocumentLargerThan64MiBIsRejectedBeforeParsing) {
  const std::string huge(JsoncDocument::kMaxBytes + 1, ' ');
  EXPECT_EQ(error_of(huge), "t.jsonc:0:0: document larger than 64 MiB");
}
