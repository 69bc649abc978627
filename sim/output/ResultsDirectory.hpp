// ResultsDirectory: results land all at once or not at all.
//
// Models: files are written into a fresh temporary sibling directory (DIR.tmp-PID) and the
// whole directory is renamed into place when complete; a previous DIR is replaced only
// then. A crash (even kill -9) mid-run leaves at most a .tmp- directory, never a DIR that
// looks complete. Errors are std::runtime_error naming the path.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace fleetsim::output {

class ResultsDirectory {
 public:
  explicit ResultsDirectory(std::filesystem::path final_dir);
  ~ResultsDirectory();  // removes the temporary directory if commit() was not reached

  // Writes one file (whole content) into the temporary directory.
  void write(const std::string& file_name, const std::string& content);
  // Writes one file by streaming into it (large files: no copy in memory).
  void write(const std::string& file_name, const std::function<void(std::ostream&)>& fill);
  // Moves the temporary directory into place.
  void commit();
  const std::filesystem::path& final_dir() const { return final_; }

 private:
  std::filesystem::path final_;
  std::filesystem::path tmp_;
  bool committed_ = false;
};

}  // namespace fleetsim::output
