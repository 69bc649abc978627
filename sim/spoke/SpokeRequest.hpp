// SpokeRequest / SpokeResponse: one HTTP exchange with the emulated spoke, socket-free.
//
// Models: what the transport (SpokeServer) reads from a connection and what it writes back,
// so that the API logic (SpokeApi::handle) is a pure function of these values and can be
// unit-tested and fuzzed. Header names are compared case-insensitively (stored lower-case
// by the transport; header() lower-cases its argument). `client_certificate_verified` is set
// by the transport when the TLS peer presented a certificate that chains to --client-ca.
// Invariants: none on the request (any bytes are legal input); a response with
// `reset == true` carries nothing and means "close the connection without answering".
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fleetsim::spoke {

struct SpokeRequest {
  std::string method;  // "GET", "POST", ... as sent
  std::string target;  // path and query, e.g. "/api/v1/namespaces?labelSelector=a%3Db"
  std::vector<std::pair<std::string, std::string>> headers;  // (lower-case name, value)
  std::string body;
  bool client_certificate_verified = false;

  // The value of the first header named `name` (any case), or "" when absent.
  std::string_view header(std::string_view name) const;
};

struct SpokeResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type/Length
  std::string content_type = "application/json";
  std::string body;
  bool reset = false;  // close the connection without an answer (a fault)
};

}  // namespace fleetsim::spoke
