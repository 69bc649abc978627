// SpokeTestClient: calls a SpokeApi as a client would (method, target, body, content type)
// and reads the answer as JSON, for the spoke unit tests.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "spoke/SpokeApi.hpp"

namespace fleetsim::spoke::test {

using Json = nlohmann::ordered_json;

struct Answer {
  int status = 0;
  Json body;
  SpokeResponse raw;
};

inline constexpr std::int64_t kNow = 1'700'000'000;  // 2023-11-14T22:13:20Z

class SpokeTestClient {
 public:
  explicit SpokeTestClient(SpokeApiConfig config = {})
      : api(
            std::move(config), [] { return kNow; }, engine::RandomStream(1, "spoke-test")) {}

  Answer call(const std::string& method, const std::string& target, const std::string& body = "",
              const std::string& content_type = "application/json",
              std::vector<std::pair<std::string, std::string>> headers = {}) {
    SpokeRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    if (!content_type.empty()) headers.emplace_back("content-type", content_type);
    r.headers = std::move(headers);
    Answer a;
    a.raw = api.handle(r);
    a.status = a.raw.status;
    a.body = Json::parse(a.raw.body, nullptr, false);
    return a;
  }
  Answer call(const std::string& method, const std::string& target, const Json& body,
              const std::string& content_type = "application/json") {
    return call(method, target, body.dump(), content_type);
  }

  static Json config_map(const std::string& name, Json data = Json::object()) {
    return Json{{"apiVersion", "v1"},
                {"kind", "ConfigMap"},
                {"metadata", {{"name", name}}},
                {"data", std::move(data)}};
  }
  static Json ns(const std::string& name) {
    return Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
  }
  Answer create_ns(const std::string& name) { return call("POST", "/api/v1/namespaces", ns(name)); }
  Answer create_cm(const std::string& ns, const Json& cm) {
    return call("POST", "/api/v1/namespaces/" + ns + "/configmaps", cm);
  }

  SpokeApi api;
};

}  // namespace fleetsim::spoke::test
