// Workload: the bounded ConfigMap workload a calibration runs in its namespace.
//
// Models: at each concurrency level L (ascending), L workers, each on its own keep-alive
// connection, run five phases one after the other, each phase with only its kind of
// request in flight: create (POST, `requests` ConfigMaps of `object_size` bytes of data),
// GET, server-side apply (PATCH application/apply-patch+yaml, fieldManager=fleetsim,
// force=true), GET + JSON merge PATCH (fieldManager=fleetsim; client-side-apply-like),
// DELETE of what was created. A phase ends after `requests` operations, or `duration`
// seconds (when > 0), or on stop() or abort. Answers of 2xx must be JSON objects (GETs
// must name the object asked for); anything else is a failed request, recorded in the
// row's errors; more than `max_errors` failures abort the workload.
// Units: seconds, bytes. Invariants: only objects inside the given namespace are
// touched; every request goes through the RequestSender (QPS cap, Retry-After).
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "calibrate/Clock.hpp"
#include "calibrate/Measurements.hpp"
#include "calibrate/RequestSender.hpp"
#include "calibrate/Transport.hpp"

namespace fleetsim::calibrate {

class Workload {
 public:
  struct Options {
    std::vector<int> levels{1, 5, 20};
    int requests = 100;      // operations per phase and level
    double duration = 0;     // seconds per phase and level; 0 = no cap
    int object_size = 1024;  // bytes of ConfigMap data
    long long max_errors = 0;
  };

  Workload(Transport& transport, RequestSender& sender, Clock& clock, Options options,
           std::function<bool()> stop, std::ostream& log);

  // Runs every level in namespace `ns`. Returns what was measured (early on stop());
  // throws LiveCalibrationError (exit 1) naming the first failure when failures exceed
  // max_errors.
  Measurements run(const std::string& ns);

 private:
  enum class Phase { kCreate, kGet, kApply, kPatch, kDelete };
  struct Call {
    const char* row;
    HttpRequest request;
    std::string expect_name;  // GET: the object the answer must name
  };

  void run_phase(Phase phase, int level, std::vector<std::unique_ptr<Transport::Connection>>& c,
                 Measurements& out);
  void operation(Phase phase, int level, int index, Transport::Connection& c, Measurements& out);
  bool call(const Call& call, int level, Transport::Connection& c, Measurements& out);
  void failed(const std::string& message);
  std::string object_body(const std::string& name, int variant) const;
  std::string path(const std::string& name) const;

  Transport& transport_;
  RequestSender& sender_;
  Clock& clock_;
  Options options_;
  std::function<bool()> stop_;
  std::ostream& log_;
  std::string ns_;
  std::atomic<bool> abort_{false};
  std::mutex mutex_;  // guards the members below
  std::string first_error_;
  long long errors_ = 0;
  std::vector<std::string> created_;  // names created at the current level
};

}  // namespace fleetsim::calibrate
