#include "output/MarkdownReport.hpp"

#include <algorithm>
#include <cstdio>

namespace fleetsim::output {

namespace {

using Verdict = Comparison::Verdict;
using Row = Comparison::Row;

std::string cell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|')
      out += "\\|";
    else if (ch == '\n')
      out += ' ';
    else
      out += ch;
  }
  return out;
}

std::string value(const std::optional<Comparison::Json>& v) {
  if (!v) return "—";
  return cell(v->is_string() ? v->get<std::string>() : v->dump());
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g %%", 100 * fraction);
  return buf;
}

std::string better(Direction d) {
  switch (d) {
    case Direction::lower:
      return " (lower is better)";
    case Direction::higher:
      return " (higher is better)";
    case Direction::unchanged:
      return " (must not change)";
    case Direction::neutral:
    case Direction::ignore:
      break;
  }
  return "";
}

std::string verdict(const Row& r) {
  switch (r.verdict) {
    case Verdict::regressed:
      return "❌ regressed" + better(r.rule.direction);
    case Verdict::missing:
      return "❌ missing";
    case Verdict::improved:
      return "✅ improved" + better(r.rule.direction);
    case Verdict::changed:
      return "changed (informative)";
    case Verdict::within: {
      std::string s = "within ±" + percent(r.rule.rel);
      if (r.rule.abs > 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, " or ±%g", r.rule.abs);
        s += buf;
      }
      return s;
    }
    case Verdict::not_compared:
      return r.figure.starts_with("run.") ? "not compared (wall clock)" : "not compared";
    case Verdict::same:
    case Verdict::added:
      break;
  }
  return std::string(Comparison::to_string(r.verdict));
}

int rank(Verdict v) {
  switch (v) {
    case Verdict::regressed:
    case Verdict::missing:
      return 0;
    case Verdict::improved:
      return 1;
    case Verdict::changed:
      return 2;
    case Verdict::added:
      return 3;
    case Verdict::within:
      return 4;
    case Verdict::same:
      return 5;
    case Verdict::not_compared:
      break;
  }
  return 6;
}

std::string table(const std::vector<const Row*>& rows) {
  std::string t = "| figure | baseline | current | change | verdict |\n|---|--:|--:|--:|---|\n";
  for (const Row* r : rows)
    t += "| `" + cell(r->figure) + "` | " + value(r->baseline) + " | " + value(r->current) + " | " +
         (r->change.empty() ? "" : cell(r->change)) + " | " + verdict(*r) + " |\n";
  return t;
}

}  // namespace

std::string markdown_report(const Comparison& c, const std::string& title, bool all_figures) {
  const auto n = [&](Verdict v) { return c.count(v); };
  const std::size_t bad = n(Verdict::regressed) + n(Verdict::missing);
  std::string out = "### " + std::string(bad ? "❌ " : "✅ ") + cell(title) + ": ";
  out += bad ? std::to_string(bad) + " regressed" : std::string("no regression");
  out += "\n\nComparison: " + cell(c.mode_text()) + ".\n";
  out += std::to_string(c.rows().size()) + " figures:";
  bool first = true;
  for (Verdict v : {Verdict::regressed, Verdict::missing, Verdict::improved, Verdict::changed,
                    Verdict::added, Verdict::within, Verdict::same, Verdict::not_compared}) {
    if (!n(v)) continue;
    out +=
        (first ? " " : ", ") + std::to_string(n(v)) + " " + std::string(Comparison::to_string(v));
    first = false;
  }
  out += ".\n\n";
  std::vector<const Row*> notable;
  for (const auto& r : c.rows())
    if (rank(r.verdict) <= 3) notable.push_back(&r);
  std::stable_sort(notable.begin(), notable.end(),
                   [](const Row* a, const Row* b) { return rank(a->verdict) < rank(b->verdict); });
  out += notable.empty() ? std::string("No figure moved beyond its tolerance.\n") : table(notable);
  if (all_figures) {
    std::vector<const Row*> all;
    for (const auto& r : c.rows()) all.push_back(&r);
    out += "\n<details><summary>All " + std::to_string(all.size()) + " figures</summary>\n\n" +
           table(all) + "\n</details>\n";
  }
  return out;
}

}  // namespace fleetsim::output
