// ApiRequest / ApiResponse: one Kubernetes API call as the model sees it.
//
// Models: the verb, the resource kind and the object a request targets, and the status
// code it ends with. Code 0 means no HTTP answer (connection timeout): a failure inside
// the simulated world that the simulated controller handles, never a simulator error.
#pragma once

#include <cstdint>
#include <string_view>

namespace fleetsim::k8s {

enum class Verb : std::uint8_t { kGet, kList, kCreate, kUpdate, kPatch, kDelete };
inline constexpr int kVerbCount = 6;

// HTTP method as Kubernetes metrics label it (rest_client_requests_total{method}).
constexpr std::string_view http_method(Verb v) {
  constexpr std::string_view names[] = {"GET", "GET", "POST", "PUT", "PATCH", "DELETE"};
  return names[static_cast<int>(v)];
}
// API verb as the API server labels it (apiserver_request_duration_seconds{verb}).
constexpr std::string_view api_verb(Verb v) {
  constexpr std::string_view names[] = {"GET", "LIST", "POST", "PUT", "PATCH", "DELETE"};
  return names[static_cast<int>(v)];
}
constexpr bool is_mutating(Verb v) {
  return v >= Verb::kCreate;
}

using KindId = std::uint16_t;
using ObjectId = std::uint32_t;

struct ApiRequest {
  Verb verb = Verb::kGet;
  KindId kind = 0;
  ObjectId object = 0;
  // For PATCH/PUT: whether the body changes the object (drives the watch event).
  bool changes = true;
  // PATCH as server-side apply (application/apply-patch+yaml): creates a missing object.
  bool server_side_apply = false;
};

struct ApiResponse {
  int code = 200;          // HTTP status; 0 = no answer (timeout)
  double retry_after = 0;  // seconds, with 429
  bool ok() const { return code >= 200 && code < 300; }
};

}  // namespace fleetsim::k8s
