#include "calibrate/LiveCalibration.hpp"

#include <nlohmann/json.hpp>

#include "calibrate/CalibrationNamespace.hpp"
#include "calibrate/LiveCalibrationError.hpp"
#include "calibrate/TransportError.hpp"

namespace fleetsim::calibrate {

LiveCalibration::LiveCalibration(Transport& transport, Clock& clock, Options options,
                                 std::function<bool()> stop, std::ostream& log)
    : transport_(transport),
      clock_(clock),
      options_(std::move(options)),
      stop_(std::move(stop)),
      log_(log) {}

std::string LiveCalibration::server_version(RequestSender& sender) {
  auto conn = transport_.connect();
  const HttpRequest req{"GET", "/version", "", ""};
  const auto out = sender.send(*conn, req);
  if (out.response.status != 200)
    throw LiveCalibrationError(1, LiveCalibrationError::describe(req, out.response));
  const auto j = nlohmann::json::parse(out.response.body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("gitVersion") ||
      !j["gitVersion"].is_string())
    throw LiveCalibrationError(1, "GET /version: malformed answer (no gitVersion)");
  return j["gitVersion"].get<std::string>();
}

LiveCalibration::Result LiveCalibration::run() {
  // Cleanup requests ignore stop(): they must go through after a signal.
  RequestSender sender(clock_, options_.sender, stop_);
  RequestSender cleanup_sender(clock_, options_.sender, [] { return false; });
  Result result;
  CalibrationNamespace ns(transport_, cleanup_sender, log_);
  std::string failure;
  int code = 0;
  try {
    result.server_version = server_version(sender);
    log_ << "fleetsim calibrate: " << transport_.describe() << " runs Kubernetes "
         << result.server_version << "\n";
    result.namespace_name = ns.create(options_.namespace_name);
    log_ << "fleetsim calibrate: working in namespace " << result.namespace_name << "\n";
    Workload w(transport_, sender, clock_, options_.workload, stop_, log_);
    result.measurements = w.run(result.namespace_name);
  } catch (const LiveCalibrationError& e) {
    failure = e.what();
    code = e.exit_code();
  } catch (const TransportError& e) {
    failure = e.what();
    code = 1;
  }
  if ((!failure.empty() || stop_()) && ns.owned())
    log_ << "fleetsim calibrate: stopping; deleting namespace " << ns.name() << "\n";
  const std::string cleanup = ns.remove(clock_, options_.cleanup_timeout);
  std::string after;
  if (!result.namespace_name.empty())
    after = cleanup.empty() ? "namespace " + result.namespace_name + " deleted" : cleanup;
  if (!cleanup.empty() && failure.empty()) {
    failure = cleanup;
    code = 1;
    after.clear();
  }
  if (failure.empty() && stop_()) {
    failure = "interrupted; no model written";
    code = 130;
  }
  if (!failure.empty())
    throw LiveCalibrationError(code, after.empty() ? failure : failure + "; " + after);
  log_ << "fleetsim calibrate: " << after << "\n";
  return result;
}

}  // namespace fleetsim::calibrate
