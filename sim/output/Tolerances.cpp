#include "output/Tolerances.hpp"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "output/ComparisonError.hpp"

namespace fleetsim::output {

namespace {

using nlohmann::ordered_json;

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto dot = s.find('.', start);
    out.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

// `*` in a segment pattern matches any run of characters.
bool glob(const std::string& p, std::size_t pi, const std::string& s, std::size_t si) {
  while (pi < p.size()) {
    if (p[pi] == '*') {
      for (std::size_t k = si; k <= s.size(); ++k)
        if (glob(p, pi + 1, s, k)) return true;
      return false;
    }
    if (si >= s.size() || p[pi] != s[si]) return false;
    ++pi;
    ++si;
  }
  return si == s.size();
}

bool match_segments(const std::vector<std::string>& p, std::size_t pi,
                    const std::vector<std::string>& s, std::size_t si) {
  if (pi == p.size()) return si == s.size();
  if (p[pi] == "**") {
    for (std::size_t k = si; k <= s.size(); ++k)
      if (match_segments(p, pi + 1, s, k)) return true;
    return false;
  }
  return si < s.size() && glob(p[pi], 0, s[si], 0) && match_segments(p, pi + 1, s, si + 1);
}

double non_negative(const ordered_json& v, const std::string& where) {
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0)
    throw ComparisonError(where + ": must be a number >= 0, got " + v.dump());
  return v.get<double>();
}

std::string quoted(const std::string& s) {
  return ordered_json(s).dump();
}

}  // namespace

bool Tolerances::valid_pattern(const std::string& pattern) {
  if (pattern.empty()) return false;
  for (const auto& seg : split(pattern)) {
    if (seg.empty()) return false;
    if (seg != "**" && seg.find("**") != std::string::npos) return false;
  }
  return true;
}

bool Tolerances::matches(const std::string& pattern, const std::string& figure) {
  return match_segments(split(pattern), 0, split(figure), 0);
}

Tolerances Tolerances::parse(const std::string& text, const std::string& file) {
  ordered_json root;
  try {
    root = ordered_json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const ordered_json::parse_error& e) {
    std::string what = e.what();
    const auto close = what.find("] ");
    if (close != std::string::npos) what = what.substr(close + 2);
    throw ComparisonError(file + ": not valid JSON: " + what);
  }
  if (!root.is_object()) throw ComparisonError(file + ": must be a JSON object");
  Tolerances t;
  for (const auto& [key, value] : root.items()) {
    if (key == "rel") {
      t.rel_ = non_negative(value, file + ": rel");
    } else if (key == "abs") {
      t.abs_ = non_negative(value, file + ": abs");
    } else if (key == "figures") {
      if (!value.is_object())
        throw ComparisonError(file +
                              ": figures: must be an object of pattern: {rel, abs, "
                              "direction}, got " +
                              value.dump());
      for (const auto& [pattern, rule] : value.items()) {
        const std::string where = file + ": figures." + quoted(pattern);
        if (!valid_pattern(pattern))
          throw ComparisonError(where +
                                ": not a figure pattern (dotted path with non-empty segments; "
                                "* within a segment, ** only as a whole segment)");
        if (!rule.is_object())
          throw ComparisonError(where + ": must be an object with rel, abs or direction, got " +
                                rule.dump());
        Override o{pattern, {}, {}, {}};
        for (const auto& [k, v] : rule.items()) {
          if (k == "rel") {
            o.rel = non_negative(v, where + ".rel");
          } else if (k == "abs") {
            o.abs = non_negative(v, where + ".abs");
          } else if (k == "direction") {
            const auto d = v.is_string() ? parse_direction(v.get<std::string>()) : std::nullopt;
            if (!d)
              throw ComparisonError(where +
                                    ".direction: must be one of \"lower\", \"higher\", "
                                    "\"neutral\", \"unchanged\", \"ignore\", got " +
                                    v.dump());
            o.direction = d;
          } else {
            throw ComparisonError(where + ": unknown key " + quoted(k) +
                                  " (expected rel, abs, direction)");
          }
        }
        t.overrides_.push_back(std::move(o));
      }
    } else {
      throw ComparisonError(file + ": unknown key " + quoted(key) +
                            " (expected rel, abs, figures)");
    }
  }
  return t;
}

Tolerances Tolerances::load(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw ComparisonError(file.string() + ": no such tolerances file");
  if (std::filesystem::is_directory(file, ec))
    throw ComparisonError(file.string() + ": is a directory, not a tolerances file");
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) throw ComparisonError(file.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string());
}

Tolerances::Rule Tolerances::rule_for(const std::string& figure) const {
  Rule r{rel_, abs_, default_direction(figure)};
  if (r.direction == Direction::ignore && figure.starts_with("run.")) return r;  // wall clock
  for (const auto& o : overrides_) {
    if (!matches(o.pattern, figure)) continue;
    if (o.rel) r.rel = *o.rel;
    if (o.abs) r.abs = *o.abs;
    if (o.direction) r.direction = *o.direction;
  }
  return r;
}

std::vector<std::string> Tolerances::unused_patterns(
    const std::vector<std::string>& figures) const {
  std::vector<std::string> out;
  for (const auto& o : overrides_) {
    bool used = false;
    for (const auto& f : figures)
      if ((used = matches(o.pattern, f))) break;
    if (!used) out.push_back(o.pattern);
  }
  return out;
}

}  // namespace fleetsim::output
