#include "calibrate/LiveCalibrationError.hpp"

#include <nlohmann/json.hpp>

namespace fleetsim::calibrate {

std::string LiveCalibrationError::describe(const HttpRequest& request,
                                           const HttpResponse& response) {
  std::string s =
      request.method + " " + request.target + ": HTTP " + std::to_string(response.status);
  const nlohmann::json j = nlohmann::json::parse(response.body, nullptr, false);
  if (!j.is_discarded() && j.is_object() && j.contains("message") && j["message"].is_string()) {
    std::string m = j["message"].get<std::string>();
    if (m.size() > 300) m = m.substr(0, 300) + "...";
    s += ": " + m;
  }
  return s;
}

}  // namespace fleetsim::calibrate
