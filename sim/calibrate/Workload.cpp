#include "calibrate/Workload.hpp"

#include <nlohmann/json.hpp>
#include <thread>

#include "calibrate/CalibrationNamespace.hpp"
#include "calibrate/LiveCalibrationError.hpp"
#include "calibrate/TransportError.hpp"

namespace fleetsim::calibrate {

namespace {
using json = nlohmann::json;
const char* phase_name(int p) {
  static const char* const names[] = {"create", "get", "apply", "get+patch", "delete"};
  return names[p];
}
}  // namespace

Workload::Workload(Transport& transport, RequestSender& sender, Clock& clock, Options options,
                   std::function<bool()> stop, std::ostream& log)
    : transport_(transport),
      sender_(sender),
      clock_(clock),
      options_(std::move(options)),
      stop_(std::move(stop)),
      log_(log) {}

std::string Workload::path(const std::string& name) const {
  std::string p = "/api/v1/namespaces/" + ns_ + "/configmaps";
  if (!name.empty()) p += "/" + name;
  return p;
}

std::string Workload::object_body(const std::string& name, int variant) const {
  const json body = {
      {"apiVersion", "v1"},
      {"kind", "ConfigMap"},
      {"metadata",
       {{"name", name},
        {"labels", {{CalibrationNamespace::kLabelKey, CalibrationNamespace::kLabelValue}}}}},
      {"data",
       {{"payload", std::string(options_.object_size, static_cast<char>('a' + variant % 26))}}}};
  return body.dump();
}

void Workload::failed(const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (first_error_.empty()) first_error_ = message;
  if (++errors_ > options_.max_errors) abort_ = true;
}

bool Workload::call(const Call& c, int level, Transport::Connection& conn, Measurements& out) {
  Measurements::Series& s = out.at(c.row, level);
  try {
    const RequestSender::Outcome o = sender_.send(conn, c.request);
    s.retries += o.retries;
    const int st = o.response.status;
    if (st < 200 || st > 299) {
      std::string m = LiveCalibrationError::describe(c.request, o.response);
      if (o.retries > 0) m += " (after " + std::to_string(o.retries) + " Retry-After retries)";
      ++s.errors;
      failed(m);
      return false;
    }
    const json j = json::parse(o.response.body, nullptr, false);
    const bool named = !c.expect_name.empty();
    if (j.is_discarded() || !j.is_object() ||
        (named && (!j.contains("metadata") || !j["metadata"].is_object() ||
                   j["metadata"].value("name", std::string()) != c.expect_name))) {
      ++s.errors;
      failed(c.request.method + " " + c.request.target + ": malformed answer (HTTP " +
             std::to_string(st) + " with " +
             (j.is_discarded() ? std::string("a body that is not JSON")
                               : std::string("JSON that is not the object asked for")) +
             ")");
      return false;
    }
    s.seconds.push_back(o.seconds);
    return true;
  } catch (const TransportError& e) {
    ++s.errors;
    failed(c.request.method + " " + c.request.target + ": " + e.what());
    return false;
  }
}

void Workload::operation(Phase phase, int level, int index, Transport::Connection& conn,
                         Measurements& out) {
  std::string name;
  if (phase == Phase::kCreate) {
    name = "fleetsim-l" + std::to_string(level) + "-" + std::to_string(index);
  } else {
    std::lock_guard<std::mutex> lock(mutex_);
    if (created_.empty()) return;
    name = created_[static_cast<std::size_t>(index) % created_.size()];
  }
  const std::string fm = "?fieldManager=fleetsim";
  switch (phase) {
    case Phase::kCreate:
      if (call({"POST", {"POST", path("") + fm, "application/json", object_body(name, 0)}, ""},
               level, conn, out)) {
        std::lock_guard<std::mutex> lock(mutex_);
        created_.push_back(name);
      }
      return;
    case Phase::kGet:
      call({"GET", {"GET", path(name), "", ""}, name}, level, conn, out);
      return;
    case Phase::kApply:
      call({"APPLY",
            {"PATCH", path(name) + fm + "&force=true", "application/apply-patch+yaml",
             object_body(name, 1 + index)},
            ""},
           level, conn, out);
      return;
    case Phase::kPatch: {
      if (!call({"GET", {"GET", path(name), "", ""}, name}, level, conn, out)) return;
      const json patch = {
          {"data",
           {{"payload", std::string(options_.object_size, static_cast<char>('A' + index % 26))}}}};
      call({"PATCH", {"PATCH", path(name) + fm, "application/merge-patch+json", patch.dump()}, ""},
           level, conn, out);
      return;
    }
    case Phase::kDelete:
      call({"DELETE", {"DELETE", path(name), "", ""}, ""}, level, conn, out);
      return;
  }
}

void Workload::run_phase(Phase phase, int level,
                         std::vector<std::unique_ptr<Transport::Connection>>& conns,
                         Measurements& out) {
  std::size_t limit = static_cast<std::size_t>(options_.requests);
  if (phase == Phase::kDelete) {
    std::lock_guard<std::mutex> lock(mutex_);
    limit = created_.size();
  }
  std::atomic<std::size_t> next{0};
  const double start = clock_.now();
  std::vector<Measurements> local(conns.size());
  auto worker = [&](std::size_t w) {
    while (!abort_ && !stop_()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= limit) break;
      if (options_.duration > 0 && clock_.now() - start >= options_.duration) break;
      operation(phase, level, static_cast<int>(i), *conns[w], local[w]);
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < conns.size(); ++w) threads.emplace_back(worker, w);
  worker(0);
  for (auto& t : threads) t.join();
  for (const auto& m : local) out.merge(m);
  out.add_elapsed(level, clock_.now() - start);
}

Measurements Workload::run(const std::string& ns) {
  ns_ = ns;
  Measurements out;
  for (int level : options_.levels) {
    std::vector<std::unique_ptr<Transport::Connection>> conns;
    for (int i = 0; i < level; ++i) conns.push_back(transport_.connect());
    created_.clear();
    for (int p = 0; p <= static_cast<int>(Phase::kDelete); ++p) {
      if (abort_ || stop_()) break;
      run_phase(static_cast<Phase>(p), level, conns, out);
      if (!abort_ && !stop_())
        log_ << "fleetsim calibrate: level " << level << ": " << phase_name(p) << " done\n";
    }
    if (abort_ || stop_()) break;
  }
  if (abort_) {
    std::lock_guard<std::mutex> lock(mutex_);
    throw LiveCalibrationError(1, first_error_ + " (" + std::to_string(errors_) +
                                      " failed request(s), --max-errors " +
                                      std::to_string(options_.max_errors) + ")");
  }
  return out;
}

}  // namespace fleetsim::calibrate
