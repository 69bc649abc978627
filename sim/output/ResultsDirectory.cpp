#include "output/ResultsDirectory.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace fleetsim::output {

namespace fs = std::filesystem;

ResultsDirectory::ResultsDirectory(fs::path final_dir) : final_(std::move(final_dir)) {
  if (final_.has_parent_path()) fs::create_directories(final_.parent_path());
  tmp_ = final_;
  tmp_ += ".tmp-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove_all(tmp_, ec);
  if (!fs::create_directories(tmp_, ec) && ec)
    throw std::runtime_error("cannot create " + tmp_.string() + ": " + ec.message());
}

ResultsDirectory::~ResultsDirectory() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(tmp_, ec);
  }
}

void ResultsDirectory::write(const std::string& name, const std::string& content) {
  const auto path = tmp_ / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void ResultsDirectory::write(const std::string& name,
                             const std::function<void(std::ostream&)>& fill) {
  const auto path = tmp_ / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  fill(out);
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void ResultsDirectory::commit() {
  std::error_code ec;
  fs::path old = final_;
  old += ".old-" + std::to_string(::getpid());
  if (fs::exists(final_)) {
    fs::rename(final_, old, ec);
    if (ec) throw std::runtime_error("cannot move aside " + final_.string() + ": " + ec.message());
  }
  fs::rename(tmp_, final_, ec);
  if (ec)
    throw std::runtime_error("cannot move results into " + final_.string() + ": " + ec.message());
  committed_ = true;
  fs::remove_all(old, ec);
}

}  // namespace fleetsim::output
