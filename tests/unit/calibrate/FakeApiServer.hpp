// FakeApiServer: an in-memory Kubernetes API server behind the Transport interface, for
// unit tests of the calibration workload (namespaces and ConfigMaps; faults on demand).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "calibrate/Transport.hpp"

namespace fleetsim::calibrate {

class FakeApiServer : public Transport {
 public:
  // Returns an answer to inject for this request (status > 0), or status 0 for none.
  using Fault = std::function<HttpResponse(const HttpRequest&)>;

  std::unique_ptr<Connection> connect() override;
  std::string describe() const override { return "https://fake:6443"; }

  HttpResponse handle(const HttpRequest& r);

  std::mutex mutex;
  std::map<std::string, nlohmann::json> namespaces;         // name -> labels
  std::map<std::string, std::set<std::string>> configmaps;  // namespace -> names
  std::vector<std::string> log;                             // "METHOD target"
  Fault fault;
  std::atomic<int> connections{0};
};

}  // namespace fleetsim::calibrate
