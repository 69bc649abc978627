#include "output/Comparison.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "output/ComparisonError.hpp"

namespace fleetsim::output {

namespace {

using Json = Comparison::Json;
using Verdict = Comparison::Verdict;

void flatten_into(const Json& node, const std::string& path,
                  std::vector<std::pair<std::string, Json>>& out) {
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) flatten_into(v, path.empty() ? k : path + "." + k, out);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      flatten_into(node[i], path + "." + std::to_string(i), out);
  } else {
    out.emplace_back(path, node);
  }
}

// A value as a number: numbers, booleans (true = 1); nullopt for null and strings.
std::optional<double> number_of(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  return std::nullopt;
}

std::string percent(double d, double base) {
  const double p = 100 * d / std::fabs(base);
  const double a = std::fabs(p);
  char buf[48];
  std::snprintf(buf, sizeof buf, a >= 100 ? "%+.0f %%" : a >= 10 ? "%+.1f %%" : "%+.2f %%", p);
  return buf;
}

std::string absolute(double d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%+.6g", d);
  return buf;
}

// Worse/better for a figure that has a better side; neutral and unchanged handled apart.
Verdict judge(Direction dir, bool worse) {
  switch (dir) {
    case Direction::lower:
    case Direction::higher:
      return worse ? Verdict::regressed : Verdict::improved;
    case Direction::unchanged:
      return Verdict::regressed;
    case Direction::neutral:
    case Direction::ignore:
      break;
  }
  return Verdict::changed;
}

void judge_row(Comparison::Row& r, bool exact) {
  if (r.rule.direction == Direction::ignore) {
    r.verdict = Verdict::not_compared;
    return;
  }
  if (!r.baseline) {
    r.verdict = Verdict::added;
    return;
  }
  if (!r.current) {
    r.verdict = Verdict::missing;
    return;
  }
  const Json& b = *r.baseline;
  const Json& c = *r.current;
  if (b == c) {
    r.verdict = Verdict::same;
    return;
  }
  const bool higher = r.rule.direction == Direction::higher;
  if (b.is_null() || c.is_null()) {  // null = never: the worst value
    const auto other = number_of(b.is_null() ? c : b);
    if (other) {
      r.change = c.is_null() ? "now null" : "was null";
      r.verdict = judge(r.rule.direction, c.is_null());
      return;
    }
  }
  const auto bn = number_of(b);
  const auto cn = number_of(c);
  if (!bn || !cn || b.is_boolean() || c.is_boolean()) {  // strings, booleans, type changes
    r.change = "changed";
    const bool worse = bn && cn ? (higher ? *cn < *bn : *cn > *bn) : true;
    r.verdict = judge(r.rule.direction, worse);
    return;
  }
  const double d = *cn - *bn;
  r.change = *bn != 0 ? percent(d, *bn) : absolute(d);
  if (!exact && std::fabs(d) <= std::max(r.rule.abs, r.rule.rel * std::fabs(*bn))) {
    r.verdict = Verdict::within;
    return;
  }
  r.verdict = judge(r.rule.direction, higher ? d < 0 : d > 0);
}

std::string short_dump(const Json& v) {
  std::string s = v.dump();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

void diff_paths(const Json& a, const Json& b, const std::string& path,
                std::vector<std::string>& out) {
  if (a == b) return;
  if (a.is_object() && b.is_object()) {
    for (const auto& [k, v] : a.items()) {
      const std::string p = path.empty() ? k : path + "." + k;
      if (!b.contains(k))
        out.push_back(p + " (removed)");
      else
        diff_paths(v, b.at(k), p, out);
    }
    for (const auto& [k, v] : b.items())
      if (!a.contains(k)) out.push_back((path.empty() ? k : path + "." + k) + " (added)");
    return;
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i)
      diff_paths(a[i], b[i], path + "." + std::to_string(i), out);
    return;
  }
  out.push_back((path.empty() ? std::string("(whole document)") : path) + " (" + short_dump(a) +
                " -> " + short_dump(b) + ")");
}

std::string text_of(const Json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

Json read_json(const std::filesystem::path& file, const std::string& what) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw ComparisonError(file.string() + ": missing (" + what +
                          " of a results directory written by fleetsim run)");
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) throw ComparisonError(file.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return Json::parse(text.str());
  } catch (const Json::parse_error& e) {
    std::string msg = e.what();
    const auto close = msg.find("] ");
    if (close != std::string::npos) msg = msg.substr(close + 2);
    throw ComparisonError(file.string() + ": not valid JSON: " + msg);
  }
}

void check_directory(const std::filesystem::path& dir, const std::string& role) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec))
    throw ComparisonError(dir.string() + ": no such directory (" + role + " results)");
  if (!std::filesystem::is_directory(dir, ec))
    throw ComparisonError(dir.string() + ": not a directory (" + role + " results)");
}

Json read_summary(const std::filesystem::path& dir) {
  const auto file = dir / "summary.json";
  Json s = read_json(file, "the key figures");
  if (!s.is_object() || !s.contains("fleetsim_version"))
    throw ComparisonError(file.string() + ": not a fleetsim summary (no \"fleetsim_version\")");
  return s;
}

}  // namespace

std::vector<std::pair<std::string, Json>> Comparison::flatten(const Json& doc) {
  std::vector<std::pair<std::string, Json>> out;
  flatten_into(doc, "", out);
  return out;
}

Comparison::Comparison(const Json& baseline, const Json& current, const Mode& mode,
                       const Tolerances& tolerances)
    : mode_(mode), default_rel_(tolerances.rel()) {
  if (current.is_object() && current.contains("scenario") && current["scenario"].is_string())
    scenario_ = current["scenario"].get<std::string>();
  const auto base = flatten(baseline);
  const auto cur = flatten(current);
  std::map<std::string, const Json*> cur_by_path;
  for (const auto& [p, v] : cur) cur_by_path[p] = &v;
  std::map<std::string, bool> in_base;
  for (const auto& [p, v] : base) {
    Row r;
    r.figure = p;
    r.baseline = v;
    if (auto it = cur_by_path.find(p); it != cur_by_path.end()) r.current = *it->second;
    in_base[p] = true;
    rows_.push_back(std::move(r));
  }
  for (const auto& [p, v] : cur) {
    if (in_base.count(p)) continue;
    Row r;
    r.figure = p;
    r.current = v;
    rows_.push_back(std::move(r));
  }
  for (auto& r : rows_) {
    r.rule = tolerances.rule_for(r.figure);
    judge_row(r, mode_.exact);
  }
}

Comparison::Mode Comparison::mode_of(const Json& bs, const Json& cs, const Json& br,
                                     const Json& cr) {
  std::vector<std::string> why;
  const Json bv = bs.value("fleetsim_version", Json());
  const Json cv = cs.value("fleetsim_version", Json());
  if (bv != cv) why.push_back("fleetsim version " + text_of(bv) + " -> " + text_of(cv));
  const Json bseed = bs.value("seed", Json());
  const Json cseed = cs.value("seed", Json());
  if (bseed != cseed) why.push_back("seed " + text_of(bseed) + " -> " + text_of(cseed));
  if (bs.value("stop_reason", Json()) == "interrupted" ||
      cs.value("stop_reason", Json()) == "interrupted")
    why.push_back("a run was interrupted");
  std::vector<std::string> diffs;
  diff_paths(br, cr, "", diffs);
  if (!diffs.empty()) {
    std::string d = "scenario changed: " + diffs[0];
    for (std::size_t i = 1; i < diffs.size() && i < 3; ++i) d += ", " + diffs[i];
    if (diffs.size() > 3) d += " and " + std::to_string(diffs.size() - 3) + " more";
    why.push_back(d);
  }
  if (why.empty())
    return {true, "deterministic run, same fleetsim version (" + text_of(cv) +
                      "), seed and resolved scenario"};
  std::string note;
  for (std::size_t i = 0; i < why.size(); ++i) note += (i ? "; " : "") + why[i];
  return {false, note};
}

Comparison Comparison::of_directories(const std::filesystem::path& baseline,
                                      const std::filesystem::path& current,
                                      const Tolerances& tolerances) {
  check_directory(baseline, "baseline");
  check_directory(current, "current");
  const Json bs = read_summary(baseline);
  const Json cs = read_summary(current);
  const Json br = read_json(baseline / "scenario.resolved.json", "the resolved scenario");
  const Json cr = read_json(current / "scenario.resolved.json", "the resolved scenario");
  return Comparison(bs, cs, mode_of(bs, cs, br, cr), tolerances);
}

std::string_view Comparison::to_string(Verdict v) {
  switch (v) {
    case Verdict::same:
      return "same";
    case Verdict::within:
      return "within tolerance";
    case Verdict::improved:
      return "improved";
    case Verdict::regressed:
      return "regressed";
    case Verdict::changed:
      return "changed";
    case Verdict::missing:
      return "missing";
    case Verdict::added:
      return "new";
    case Verdict::not_compared:
      return "not compared";
  }
  return "same";
}

std::string Comparison::mode_text() const {
  if (mode_.exact) return "exact (" + mode_.note + ")";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%g %%", 100 * default_rel_);
  return "relative, ±" + std::string(buf) + " unless a tolerances file says otherwise (" +
         mode_.note + ")";
}

std::size_t Comparison::count(Verdict v) const {
  std::size_t n = 0;
  for (const auto& r : rows_) n += r.verdict == v;
  return n;
}

bool Comparison::regressed() const {
  return count(Verdict::regressed) + count(Verdict::missing) > 0;
}

}  // namespace fleetsim::output
