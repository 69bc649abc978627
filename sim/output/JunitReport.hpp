// JunitReport: comparisons as JUnit XML (one <testsuite> per scenario, one <testcase>
// per figure), the format CI systems (GitHub test reporters, GitLab's
// artifacts:reports:junit) show as tests.
//
// A regressed or missing figure is a <failure>; figures not compared are <skipped>;
// every other verdict passes. A run that could not be compared is one failing testcase.
#pragma once

#include <string>
#include <vector>

#include "output/Comparison.hpp"

namespace fleetsim::output {

class JunitReport {
 public:
  void add(const std::string& suite, const Comparison& comparison);
  void add_failure(const std::string& suite, const std::string& test, const std::string& message,
                   const std::string& text);
  std::string xml() const;

 private:
  struct Case {
    std::string name;
    std::string failure;  // message; empty: passed
    std::string failure_text;
    std::string skipped;  // message; empty: not skipped
  };
  struct Suite {
    std::string name;
    std::string mode;
    std::vector<Case> cases;
  };
  Suite& suite(const std::string& name);
  std::vector<Suite> suites_;
};

}  // namespace fleetsim::output
