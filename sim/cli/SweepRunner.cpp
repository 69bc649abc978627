#include "cli/SweepRunner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

namespace fleetsim::cli {

namespace fs = std::filesystem;
using Json = SweepSpec::Json;

SweepRunner::SweepRunner(const SweepSpec& spec, fs::path out, unsigned jobs, bool quiet)
    : spec_(spec), out_(std::move(out)), jobs_(jobs ? jobs : 1), quiet_(quiet) {}

fs::path SweepRunner::seed_dir(std::size_t point, std::uint64_t seed) const {
  return out_ / "points" / SweepSpec::point_id(point) / ("seed-" + std::to_string(seed));
}

bool SweepRunner::complete(std::size_t point, std::uint64_t seed) const {
  return fs::is_regular_file(seed_dir(point, seed) / "summary.json");
}

void SweepRunner::prepare_point(std::size_t point) const {
  const fs::path dir = out_ / "points" / SweepSpec::point_id(point);
  Json j = Json::object();
  j["point"] = SweepSpec::point_id(point);
  j["parameters"] = spec_.point_parameters(point);
  j["set"] = spec_.set_arguments(point);
  const std::string text = j.dump(2) + "\n";
  const fs::path file = dir / "point.json";
  if (fs::exists(file)) {
    std::ifstream in(file);
    std::stringstream old;
    old << in.rdbuf();
    if (old.str() != text)
      throw Failure{2, file.string() +
                           " was written for other parameters (another sweep file?): "
                           "use another --out or remove it"};
    return;
  }
  fs::create_directories(dir);
  std::ofstream(file) << text;
}

namespace {

pid_t start_child(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw SweepRunner::Failure{1, "fork failed"};
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    ::execv("/proc/self/exe", argv.data());
    std::perror("exec");
    ::_exit(127);
  }
  return pid;
}

std::string tail_of(const fs::path& log) {
  std::ifstream in(log);
  std::string line, out;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  for (std::size_t i = lines.size() > 5 ? lines.size() - 5 : 0; i < lines.size(); ++i)
    out += "\n  " + lines[i];
  return out;
}

}  // namespace

std::size_t SweepRunner::run(const std::vector<std::size_t>& points) {
  struct Task {
    std::size_t point;
    std::uint64_t seed;
  };
  std::vector<Task> todo;
  for (std::size_t p : points) {
    prepare_point(p);
    for (std::uint64_t s : spec_.seeds()) {
      if (complete(p, s))
        ++skipped_;
      else
        todo.push_back({p, s});
    }
  }
  struct Running {
    Task task;
    std::chrono::steady_clock::time_point started;
  };
  std::map<pid_t, Running> running;
  std::size_t next = 0, done = 0;
  std::optional<Failure> failure;
  while (next < todo.size() || !running.empty()) {
    while (!failure && next < todo.size() && running.size() < jobs_) {
      const Task t = todo[next++];
      const fs::path dir = seed_dir(t.point, t.seed);
      std::vector<std::string> args = {"fleetsim", "run", spec_.base_path()};
      for (const auto& s : spec_.set_arguments(t.point)) {
        args.push_back("--set");
        args.push_back(s);
      }
      args.insert(args.end(), {"--seed", std::to_string(t.seed), "--out", dir.string(), "--quiet"});
      const fs::path log = dir.parent_path() / (dir.filename().string() + ".log");
      running[start_child(args, log)] = {t, std::chrono::steady_clock::now()};
    }
    if (failure && next < todo.size()) next = todo.size();
    if (running.empty()) break;
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw Failure{1, "waitpid failed"};
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const Running r = it->second;
    running.erase(it);
    const fs::path dir = seed_dir(r.task.point, r.task.seed);
    const fs::path log = dir.parent_path() / (dir.filename().string() + ".log");
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - r.started).count();
    if (code != 0 || !complete(r.task.point, r.task.seed)) {
      if (!failure)
        failure = Failure{code == 2 ? 2 : 1,
                          "point " + SweepSpec::point_id(r.task.point) + " (" +
                              spec_.describe(r.task.point) + ") seed " +
                              std::to_string(r.task.seed) + ": fleetsim run exited with " +
                              std::to_string(code) + "; " + log.string() + ":" + tail_of(log)};
      continue;
    }
    ++done;
    if (!quiet_) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f s", secs);
      std::cerr << "sweep: " << SweepSpec::point_id(r.task.point) << " seed " << r.task.seed << " ("
                << spec_.describe(r.task.point) << ") done in " << buf << "\n";
    }
  }
  if (failure) throw *failure;
  return done;
}

}  // namespace fleetsim::cli
