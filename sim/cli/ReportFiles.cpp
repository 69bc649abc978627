#include "cli/ReportFiles.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "output/ComparisonError.hpp"

namespace fleetsim::cli {

namespace fs = std::filesystem;

void ReportFiles::add(const std::string& path, std::string content) {
  if (!path.empty()) files_.emplace_back(path, std::move(content));
}

void ReportFiles::commit() {
  std::vector<std::string> temps;
  const auto cleanup = [&] {
    std::error_code ec;
    for (const auto& t : temps) fs::remove(t, ec);
  };
  for (const auto& [path, content] : files_) {
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    std::error_code ec;
    const fs::path parent = fs::path(path).parent_path();
    if (fs::is_directory(path, ec)) {
      cleanup();
      throw output::ComparisonError(path + ": is a directory, cannot write a report there");
    }
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      cleanup();
      throw output::ComparisonError(path + ": cannot write: no such directory " + parent.string());
    }
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (out.is_open()) {
      temps.push_back(tmp);
      out << content;
      out.close();
    }
    if (!out) {
      const std::string why = std::strerror(errno);
      cleanup();
      throw output::ComparisonError(path + ": cannot write: " + why);
    }
  }
  for (std::size_t i = 0; i < files_.size(); ++i) {
    std::error_code ec;
    fs::rename(temps[i], files_[i].first, ec);
    if (ec) {
      cleanup();
      throw output::ComparisonError(files_[i].first + ": cannot write: " + ec.message());
    }
  }
}

}  // namespace fleetsim::cli
