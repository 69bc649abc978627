// JsoncDocument: one scenario input file, parsed as JSONC, with the source position of every
// value and every object key.
//
// Models: JSON plus `//` line comments, `/* */` block comments and trailing commas in objects
// and arrays (as VS Code's JSONC). Values are addressed by dotted path: "" is the root, object
// members are "a.b.c", array elements "a.list[2].x" (keys are not escaped, so a key containing
// '.' or '[' makes paths ambiguous; the outermost value wins).
// Units: Location line and column are 1-based; the column counts bytes.
// Invariants: root() keeps key order and has no duplicate keys; every value of root() has a
// recorded position; integers that fit are int64 (or uint64 above INT64_MAX), other numbers are
// double. Text over kMaxBytes or nested deeper than kMaxDepth is rejected. Every syntax problem
// is reported as an InputError at the exact line:column of the offending character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "scenario/Location.hpp"

namespace fleetsim::scenario {

class JsoncDocument {
 public:
  static constexpr std::size_t kMaxBytes = std::size_t{64} << 20;
  static constexpr int kMaxDepth = 64;

  // Throws InputError on any syntax error; file_name is only used in locations.
  static JsoncDocument parse(std::string_view text, std::string file_name);
  // Reads and parses a file. A missing or unreadable file is an InputError at line 0 column 0.
  static JsoncDocument load(const std::string& path);

  const nlohmann::ordered_json& root() const { return root_; }
  const std::string& file() const { return file_; }
  // True when the path names a value of the document.
  bool has(const std::string& path) const { return positions_.contains(path); }
  // Start of the value. Unknown paths give the nearest known ancestor; never throws.
  Location value_location(const std::string& path) const;
  // Start of the member's key string; for the root and array elements, the value's start.
  Location key_location(const std::string& path) const;

 private:
  struct Position {
    int line = 0;
    int column = 0;
  };
  struct Positions {
    Position value;
    Position key;
  };
  using PositionMap = std::unordered_map<std::string, Positions>;
  class Parser;

  JsoncDocument(std::string file, nlohmann::ordered_json root, PositionMap positions);
  const Positions& nearest(std::string path) const;
  Location located(Position p) const { return Location{file_, p.line, p.column}; }

  std::string file_;
  nlohmann::ordered_json root_;
  PositionMap positions_;
};

}  // namespace fleetsim::scenario
