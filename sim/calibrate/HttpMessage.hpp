// HttpMessage: one HTTP request to the API server and its answer, as the calibration
// workload sees them (no streaming; bodies are small JSON documents).
// Units: none. Invariants: HttpResponse::status is a 3-digit HTTP status; transport
// failures are TransportError (TransportError.hpp), never a response.
#pragma once

#include <string>

namespace fleetsim::calibrate {

struct HttpRequest {
  std::string method;        // GET, POST, PATCH, DELETE
  std::string target;        // path and query below the server URL's path, e.g. /version
  std::string content_type;  // empty when there is no body
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string retry_after;  // the Retry-After header, "" when absent
  std::string content_type;
};

}  // namespace fleetsim::calibrate
