#include "output/JunitReport.hpp"

#include <cstdio>

namespace fleetsim::output {

namespace {

using Verdict = Comparison::Verdict;

std::string esc(const std::string& s) {
  std::string out;
  for (unsigned char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
      case '\t':
        out += static_cast<char>(ch);
        break;
      default:
        if (ch >= 0x20) out += static_cast<char>(ch);  // XML 1.0 forbids other controls
    }
  }
  return out;
}

std::string text(const std::optional<Comparison::Json>& v) {
  if (!v) return "(absent)";
  return v->is_string() ? v->get<std::string>() : v->dump();
}

std::string direction_words(Direction d) {
  switch (d) {
    case Direction::lower:
      return "lower is better";
    case Direction::higher:
      return "higher is better";
    case Direction::unchanged:
      return "must not change";
    case Direction::neutral:
      return "no better side";
    case Direction::ignore:
      return "ignored";
  }
  return "";
}

}  // namespace

JunitReport::Suite& JunitReport::suite(const std::string& name) {
  for (auto& s : suites_)
    if (s.name == name) return s;
  suites_.push_back(Suite{name, "", {}});
  return suites_.back();
}

void JunitReport::add(const std::string& name, const Comparison& c) {
  Suite& s = suite(name);
  s.mode = c.mode_text();
  for (const auto& r : c.rows()) {
    Case k{r.figure, "", "", ""};
    if (r.verdict == Verdict::regressed || r.verdict == Verdict::missing) {
      k.failure = r.figure + " " + std::string(Comparison::to_string(r.verdict)) + ": " +
                  text(r.baseline) + " -> " + text(r.current) +
                  (r.change.empty() || r.change == "changed" ? "" : " (" + r.change + ")");
      char tol[64];
      std::snprintf(tol, sizeof tol, "rel %g, abs %g", r.rule.rel, r.rule.abs);
      k.failure_text = "baseline: " + text(r.baseline) + "\ncurrent: " + text(r.current) +
                       "\nchange: " + (r.change.empty() ? "-" : r.change) +
                       "\ndirection: " + direction_words(r.rule.direction) +
                       "\ncomparison: " + c.mode_text() +
                       (c.mode().exact ? "" : std::string("\ntolerance: ") + tol) + "\n";
    } else if (r.verdict == Verdict::not_compared) {
      k.skipped = r.figure.starts_with("run.") ? "wall-clock figure, not compared" : "not compared";
    }
    s.cases.push_back(std::move(k));
  }
}

void JunitReport::add_failure(const std::string& name, const std::string& test,
                              const std::string& message, const std::string& text) {
  suite(name).cases.push_back(Case{test, message, text, ""});
}

std::string JunitReport::xml() const {
  std::size_t tests = 0, failures = 0, skipped = 0;
  std::string body;
  for (const auto& s : suites_) {
    std::size_t f = 0, k = 0;
    for (const auto& c : s.cases) {
      f += !c.failure.empty();
      k += !c.skipped.empty();
    }
    tests += s.cases.size();
    failures += f;
    skipped += k;
    body += "  <testsuite name=\"" + esc(s.name) + "\" tests=\"" + std::to_string(s.cases.size()) +
            "\" failures=\"" + std::to_string(f) + "\" errors=\"0\" skipped=\"" +
            std::to_string(k) + "\" time=\"0\">\n";
    if (!s.mode.empty())
      body += "    <properties>\n      <property name=\"comparison\" value=\"" + esc(s.mode) +
              "\"/>\n    </properties>\n";
    for (const auto& c : s.cases) {
      body +=
          "    <testcase classname=\"" + esc(s.name) + "\" name=\"" + esc(c.name) + "\" time=\"0\"";
      if (!c.failure.empty()) {
        body += ">\n      <failure type=\"regression\" message=\"" + esc(c.failure) + "\">" +
                esc(c.failure_text) + "</failure>\n    </testcase>\n";
      } else if (!c.skipped.empty()) {
        body += ">\n      <skipped message=\"" + esc(c.skipped) + "\"/>\n    </testcase>\n";
      } else {
        body += "/>\n";
      }
    }
    body += "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fleetsim\" tests=\"" +
         std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
         "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\">\n" + body +
         "</testsuites>\n";
}

}  // namespace fleetsim::output
