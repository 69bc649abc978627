#include "scenario/JsoncDocument.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <unordered_set>
#include <utility>
#include <vector>

#include "scenario/InputError.hpp"
#include "scenario/JsonText.hpp"

namespace fleetsim::scenario {

using nlohmann::ordered_json;

using namespace json_text;

// Recursive-descent JSONC parser; one pass, linear time, recursion bounded by kMaxDepth.
class JsoncDocument::Parser {
 public:
  Parser(std::string_view text, const std::string& file, PositionMap& positions)
      : text_(text), file_(file), positions_(positions) {}

  ordered_json parse_document() {
    if (text_.starts_with("\xEF\xBB\xBF")) line_start_ = pos_ = 3;  // UTF-8 byte order mark
    skip_space();
    if (at_end()) fail(here(), "empty document");
    ordered_json root = parse_value(std::nullopt);
    skip_space();
    if (!at_end()) fail(here(), "trailing content after the root value");
    return root;
  }

 private:
  using Members = std::vector<std::pair<std::string, ordered_json>>;

  bool at_end() const { return pos_ >= text_.size(); }
  int peek() const { return at_end() ? -1 : static_cast<unsigned char>(text_[pos_]); }
  std::string_view rest() const { return text_.substr(pos_); }
  Position here() const { return {line_, static_cast<int>(pos_ - line_start_ + 1)}; }
  void newline() {
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }

  [[noreturn]] void fail(Position at, std::string message, std::string path = {}) const {
    throw InputError(Location{file_, at.line, at.column}, std::move(path), std::move(message));
  }
  // What sits at the current position, for "unexpected ..." messages.
  std::string found() const {
    if (at_end()) return "unexpected end of input";
    return "unexpected " + describe(static_cast<unsigned char>(text_[pos_]));
  }

  void skip_space() {
    while (!at_end()) {
      const int c = peek();
      if (c == '\n') {
        newline();
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (rest().starts_with("//")) {
        pos_ = std::min(text_.find('\n', pos_), text_.size());
      } else if (rest().starts_with("/*")) {
        skip_block_comment();
      } else {
        return;
      }
    }
  }

  void skip_block_comment() {
    const std::size_t end = text_.find("*/", pos_ + 2);
    if (end == std::string_view::npos) fail(here(), "unterminated block comment");
    while (pos_ < end + 2) text_[pos_] == '\n' ? newline() : void(++pos_);
  }

  void enter(Position at) {
    if (++depth_ > kMaxDepth) fail(at, "nesting deeper than " + std::to_string(kMaxDepth));
  }

  // After an object member or array element: a ',' (then maybe the close: trailing comma) or
  // the close itself, which is left for the caller.
  void after_element(char close) {
    skip_space();
    if (peek() == ',') {
      ++pos_;
      skip_space();
    } else if (peek() != close) {
      fail(here(), found() + ", expected ',' or '" + close + "'");
    }
  }

  // Parses the value at the current position and records its position under path_.
  ordered_json parse_value(std::optional<Position> key) {
    const Position at = here();
    ordered_json value = parse_any(at);
    positions_.insert_or_assign(path_, Positions{at, key.value_or(at)});
    return value;
  }

  ordered_json parse_any(Position at) {
    const int c = peek();
    if (c == '{') return parse_object(at);
    if (c == '[') return parse_array(at);
    if (c == '"') return parse_string();
    if (c == '-' || is_digit(c)) return parse_number();
    if (is_word(c)) return parse_literal();
    fail(at, found() + ", expected a value");
  }

  ordered_json parse_object(Position at) {
    enter(at);
    ++pos_;
    const std::size_t base = path_.size();
    Members members;
    std::unordered_set<std::string> seen;
    skip_space();
    while (peek() != '}') {
      parse_member(base, members, seen);
      after_element('}');
    }
    ++pos_;
    path_.resize(base);
    --depth_;
    // Keys are known unique: build the map directly (ordered_map::emplace is a linear search).
    return ordered_json::object_t(std::make_move_iterator(members.begin()),
                                  std::make_move_iterator(members.end()));
  }

  void parse_member(std::size_t base, Members& members, std::unordered_set<std::string>& seen) {
    if (peek() != '"') {
      const char* hint = is_word(peek()) ? " (keys must be quoted)" : "";
      fail(here(), found() + ", expected a string key or '}'" + hint);
    }
    const Position key_at = here();
    std::string key = parse_string();
    path_.resize(base);
    if (base != 0) path_ += '.';
    path_ += key;
    if (!seen.insert(key).second) fail(key_at, "duplicate key \"" + key + "\"", path_);
    skip_space();
    if (peek() != ':') fail(here(), found() + ", expected ':'");
    ++pos_;
    skip_space();
    ordered_json value = parse_value(key_at);
    members.emplace_back(std::move(key), std::move(value));
  }

  ordered_json parse_array(Position at) {
    enter(at);
    ++pos_;
    const std::size_t base = path_.size();
    ordered_json array = ordered_json::array();
    auto& items = array.get_ref<ordered_json::array_t&>();
    skip_space();
    while (peek() != ']') {
      path_.resize(base);
      path_ += '[' + std::to_string(items.size()) + ']';
      items.push_back(parse_value(std::nullopt));
      after_element(']');
    }
    ++pos_;
    path_.resize(base);
    --depth_;
    return array;
  }

  std::string parse_string() {
    const Position open = here();
    ++pos_;
    std::string out;
    for (;;) {
      const int c = peek();
      if (c == '"') {
        ++pos_;
        return out;
      } else if (c == '\\') {
        parse_escape(out, open);
      } else if (c == -1 || c == '\n' || c == '\r') {
        fail(open, "unterminated string");
      } else if (c < 0x20) {
        fail(here(), "control character " + hex_byte(static_cast<unsigned char>(c)) +
                         " in string (use an escape)");
      } else if (c < 0x80) {
        out += char(c);
        ++pos_;
      } else {
        const std::size_t n = utf8_length(text_, pos_);
        if (n == 0) fail(here(), "invalid UTF-8 in string");
        out.append(text_.substr(pos_, n));
        pos_ += n;
      }
    }
  }

  void parse_escape(std::string& out, Position open) {
    const Position at = here();
    ++pos_;
    const int c = peek();
    ++pos_;
    static constexpr std::string_view kEscaped = "\"\\/bfnrt", kMeaning = "\"\\/\b\f\n\r\t";
    if (const std::size_t k = kEscaped.find(char(c)); c != -1 && k != std::string_view::npos) {
      out += kMeaning[k];
    } else if (c == 'u') {
      append_utf8(out, parse_unicode(at));
    } else if (c == -1) {
      fail(open, "unterminated string");
    } else {
      fail(at, "invalid escape: backslash followed by " + describe(static_cast<unsigned char>(c)));
    }
  }

  // After "\u": four hex digits, and a second "\uXXXX" low half when the first is a high one.
  std::uint32_t parse_unicode(Position at) {
    const std::uint32_t high = parse_hex4(at);
    if (high >= 0xDC00 && high <= 0xDFFF) fail(at, "invalid \\u escape: unpaired low surrogate");
    if (high < 0xD800 || high > 0xDBFF) return high;
    const bool escape_follows = rest().starts_with("\\u");
    const std::uint32_t low = escape_follows ? (pos_ += 2, parse_hex4(at)) : 0;
    if (low < 0xDC00 || low > 0xDFFF) {
      fail(at, "invalid \\u escape: high surrogate not followed by a low surrogate");
    }
    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
  }

  std::uint32_t parse_hex4(Position at) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      const int digit = hex_value(peek());
      if (digit < 0) fail(at, "invalid \\u escape: expected 4 hex digits");
      value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    return value;
  }

  void expect_digit(const char* what) {
    if (!is_digit(peek())) fail(here(), std::string("invalid number: expected a digit ") + what);
    while (is_digit(peek())) ++pos_;
  }

  ordered_json parse_number() {
    const Position at = here();
    const std::size_t begin = pos_;
    bool integral = true;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (is_digit(peek())) fail(here(), "invalid number: leading zeros are not allowed");
    } else {
      expect_digit("after '-'");
    }
    if (peek() == '.') {
      integral = false;
      ++pos_;
      expect_digit("after '.'");
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      expect_digit("in the exponent");
    }
    if (is_word(peek()) || peek() == '.') fail(here(), "invalid number: " + found());
    return to_number(text_.substr(begin, pos_ - begin), integral, at);
  }

  // Integers that fit are int64 (or uint64); everything else is double.
  ordered_json to_number(std::string_view token, bool integral, Position at) const {
    const char* end = token.data() + token.size();
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    if (integral && std::from_chars(token.data(), end, i).ec == std::errc{}) return i;
    if (integral && token[0] != '-' && std::from_chars(token.data(), end, u).ec == std::errc{}) {
      return u;
    }
    if (std::from_chars(token.data(), end, d).ec == std::errc{}) return d;
    if (decimal_magnitude(token) > 0) fail(at, "invalid number: out of range");
    return token[0] == '-' ? -0.0 : 0.0;  // underflow
  }

  ordered_json parse_literal() {
    const Position at = here();
    const std::size_t begin = pos_;
    while (is_word(peek())) ++pos_;
    const std::string_view word = text_.substr(begin, pos_ - begin);
    if (word == "true") return true;
    if (word == "false") return false;
    if (word == "null") return nullptr;
    const std::string shown(word.substr(0, 32));
    fail(at, "unexpected word '" + shown + "', expected a value (strings must be quoted)");
  }

  std::string_view text_;
  const std::string& file_;
  PositionMap& positions_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  int depth_ = 0;
  std::string path_;
};

JsoncDocument::JsoncDocument(std::string file, ordered_json root, PositionMap positions)
    : file_(std::move(file)), root_(std::move(root)), positions_(std::move(positions)) {}

JsoncDocument JsoncDocument::parse(std::string_view text, std::string file_name) {
  if (text.size() > kMaxBytes) {
    throw InputError(Location{file_name, 0, 0}, "", "document larger than 64 MiB");
  }
  PositionMap positions;
  ordered_json root = Parser(text, file_name, positions).parse_document();
  return JsoncDocument(std::move(file_name), std::move(root), std::move(positions));
}

JsoncDocument JsoncDocument::load(const std::string& path) {
  const Location whole_file{path, 0, 0};
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw InputError(whole_file, "", "cannot read file: " + ec.message());
  if (size > kMaxBytes) throw InputError(whole_file, "", "document larger than 64 MiB");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) throw InputError(whole_file, "", "cannot read file");
  return parse(text.view(), path);
}

const JsoncDocument::Positions& JsoncDocument::nearest(std::string path) const {
  for (;;) {
    const auto it = positions_.find(path);
    if (it != positions_.end()) return it->second;
    if (path.empty()) break;
    const std::size_t cut = path.find_last_of(".[");
    path.resize(cut == std::string::npos ? 0 : cut);
  }
  static const Positions kNowhere{};
  return kNowhere;  // unreachable for a parsed document: the root is always recorded
}

Location JsoncDocument::value_location(const std::string& path) const {
  return located(nearest(path).value);
}

Location JsoncDocument::key_location(const std::string& path) const {
  return located(nearest(path).key);
}

}  // namespace fleetsim::scenario
