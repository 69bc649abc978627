#include "output/FigureDirection.hpp"

#include <vector>

namespace fleetsim::output {

namespace {

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto dot = s.find('.', start);
    out.push_back(s.substr(start, dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

}  // namespace

Direction default_direction(std::string_view figure) {
  const auto s = split(figure);
  const std::string_view leaf = s.back();
  const std::string_view parent = s.size() >= 2 ? s[s.size() - 2] : std::string_view{};
  if (s.front() == "run") return Direction::ignore;
  if (s.size() == 1 && (leaf == "scenario" || leaf == "seed" || leaf == "fleetsim_version"))
    return Direction::ignore;
  if (leaf == "complete") return Direction::higher;
  if (leaf.ends_with("_at_s")) return Direction::lower;
  if (s.size() == 1 && leaf == "virtual_seconds") return Direction::lower;
  if (parent == "seconds" || parent.ends_with("_seconds")) return Direction::lower;
  if (parent.ends_with("_per_s")) return Direction::higher;
  if (parent == "queue_depth") return Direction::lower;
  if (leaf == "failed" || leaf == "error" || leaf.ends_with("_429_total")) return Direction::lower;
  if (s.front() == "systems" && (leaf == "applied_once" || leaf == "synced_once"))
    return Direction::higher;
  return Direction::neutral;
}

std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::lower:
      return "lower";
    case Direction::higher:
      return "higher";
    case Direction::neutral:
      return "neutral";
    case Direction::unchanged:
      return "unchanged";
    case Direction::ignore:
      return "ignore";
  }
  return "neutral";
}

std::optional<Direction> parse_direction(std::string_view text) {
  for (auto d : {Direction::lower, Direction::higher, Direction::neutral, Direction::unchanged,
                 Direction::ignore})
    if (text == to_string(d)) return d;
  return std::nullopt;
}

}  // namespace fleetsim::output
