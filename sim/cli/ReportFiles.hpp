// ReportFiles: report files (JUnit XML, Markdown) written all or nothing.
//
// Models: each file is written to FILE.tmp-PID first; only when every one is written are
// they renamed into place, so a failure (a missing directory, a full disk) leaves no
// partial report. Errors are output::ComparisonError naming the file (exit 2).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fleetsim::cli {

class ReportFiles {
 public:
  // An empty path is skipped.
  void add(const std::string& path, std::string content);
  void commit();

 private:
  std::vector<std::pair<std::string, std::string>> files_;
};

}  // namespace fleetsim::cli
