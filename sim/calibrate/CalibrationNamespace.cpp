#include "calibrate/CalibrationNamespace.hpp"

#include <nlohmann/json.hpp>
#include <random>

#include "calibrate/LiveCalibrationError.hpp"
#include "calibrate/TransportError.hpp"

namespace fleetsim::calibrate {

namespace {
using json = nlohmann::json;
const char* const kNamespaces = "/api/v1/namespaces";
}  // namespace

CalibrationNamespace::CalibrationNamespace(Transport& transport, RequestSender& sender,
                                           std::ostream& log)
    : transport_(transport), sender_(sender), log_(log), connection_(transport.connect()) {}

std::string CalibrationNamespace::random_suffix() {
  static const char kChars[] = "bcdfghjklmnpqrstvwxz2456789";  // as Kubernetes generateName
  std::random_device rd;
  std::uniform_int_distribution<int> pick(0, sizeof kChars - 2);
  std::string s;
  for (int i = 0; i < 5; ++i) s.push_back(kChars[pick(rd)]);
  return s;
}

CalibrationNamespace::Found CalibrationNamespace::probe(const std::string& name) {
  const HttpRequest req{"GET", std::string(kNamespaces) + "/" + name, "", ""};
  const auto out = sender_.send(*connection_, req);
  if (out.response.status == 404) return Found::kAbsent;
  if (out.response.status != 200)
    throw LiveCalibrationError(1, LiveCalibrationError::describe(req, out.response));
  const json j = json::parse(out.response.body, nullptr, false);
  if (j.is_discarded())
    throw LiveCalibrationError(1, "GET " + req.target + ": the answer is not JSON");
  const json* labels = nullptr;
  if (j.contains("metadata") && j["metadata"].is_object() && j["metadata"].contains("labels"))
    labels = &j["metadata"]["labels"];
  const bool ours = labels && labels->is_object() && labels->contains(kLabelKey) &&
                    (*labels)[kLabelKey] == kLabelValue;
  return ours ? Found::kOurs : Found::kForeign;
}

std::string CalibrationNamespace::create(const std::string& wanted) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::string name = wanted.empty() ? "fleetsim-calibrate-" + random_suffix() : wanted;
    const Found found = probe(name);
    if (found == Found::kForeign)
      throw LiveCalibrationError(2, "namespace " + name + " exists and is not labelled " +
                                        kLabelKey + "=" + kLabelValue +
                                        ": refusing to use it (nothing was changed)");
    if (found == Found::kOurs && wanted.empty()) continue;  // someone else's run: another name
    if (found == Found::kOurs) {
      log_ << "fleetsim calibrate: namespace " << name
           << " exists with the fleetsim label (an earlier run); using it\n";
      name_ = name;
      owned_ = true;
      return name_;
    }
    json body = {{"apiVersion", "v1"},
                 {"kind", "Namespace"},
                 {"metadata", {{"name", name}, {"labels", {{kLabelKey, kLabelValue}}}}}};
    const HttpRequest req{"POST", kNamespaces, "application/json", body.dump()};
    const auto out = sender_.send(*connection_, req);
    if (out.response.status == 409 && wanted.empty()) continue;
    if (out.response.status < 200 || out.response.status > 299)
      throw LiveCalibrationError(1, LiveCalibrationError::describe(req, out.response));
    name_ = name;
    owned_ = true;
    return name_;
  }
  throw LiveCalibrationError(1, "could not find a free namespace name after 5 attempts");
}

std::string CalibrationNamespace::remove(Clock& clock, double timeout, double poll) {
  if (!owned_) return "";
  const std::string hint = "; delete it with: kubectl delete namespace " + name_;
  const HttpRequest del{"DELETE", std::string(kNamespaces) + "/" + name_, "", ""};
  const double start = clock.now();
  try {
    // A fresh connection: the old one may be the one that failed.
    connection_ = transport_.connect();
    const auto out = sender_.send(*connection_, del);
    const int s = out.response.status;
    if (s != 404 && (s < 200 || s > 299))
      return "could not delete namespace " + name_ + ": " +
             LiveCalibrationError::describe(del, out.response) + hint;
    const HttpRequest get{"GET", del.target, "", ""};
    for (;;) {
      const auto g = sender_.send(*connection_, get);
      if (g.response.status == 404) {
        owned_ = false;
        return "";
      }
      if (clock.now() - start >= timeout)
        return "namespace " + name_ + " is still there " + std::to_string(int(timeout)) +
               " s after its deletion (--cleanup-timeout)" + hint;
      clock.sleep_for(poll);
    }
  } catch (const TransportError& e) {
    return "could not delete namespace " + name_ + ": " + e.what() + hint;
  }
}

}  // namespace fleetsim::calibrate
