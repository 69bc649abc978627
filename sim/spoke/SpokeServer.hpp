// SpokeServer: one emulated spoke on a socket — the transport around SpokeApi.
//
// Models: a kube-apiserver endpoint as a client sees it: HTTP/1.1 (keep-alive) over TLS
// (server certificate; a client certificate is requested and, when it chains to the
// configured CA, authenticates the request) or plain HTTP. Each request is classified
// (SpokeApi::classify), counted, checked by the FaultInjector, held for its latency
// (SpokeLatency at the requests in flight, plus fault delays) on an asio timer — never
// blocking the thread — then answered by SpokeApi::handle (or by the fault). One
// io_context thread serves every spoke of a process. Unauthenticated requests are answered
// 401 at once (no latency, no fault).
// Units: seconds. Invariants: in_flight() counts requests read and not yet answered; the
// store is changed only on the io_context thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spoke/FaultRule.hpp"
#include "spoke/SpokeApi.hpp"
#include "spoke/SpokeLatency.hpp"

namespace boost::asio {
class io_context;
namespace ssl {
class context;
}
}  // namespace boost::asio

namespace fleetsim::spoke {

struct SpokeServerOptions {
  std::string name = "spoke-0";
  std::string host = "127.0.0.1";
  unsigned short port = 0;                   // 0 = ephemeral
  boost::asio::ssl::context* tls = nullptr;  // null = plain HTTP
  SpokeApiConfig api;
  SpokeLatency latency;
  std::vector<FaultRule> faults;
  std::uint64_t seed = 1;
};

class SpokeServer {
 public:
  // Binds and listens (throws std::runtime_error naming the address on failure); serving
  // starts when the io_context runs.
  SpokeServer(boost::asio::io_context& io, SpokeServerOptions options);
  ~SpokeServer();
  SpokeServer(const SpokeServer&) = delete;
  SpokeServer& operator=(const SpokeServer&) = delete;

  // "https://127.0.0.1:PORT" (http:// when plain).
  std::string url() const;
  unsigned short port() const;
  void stop();
  // {"name", "url", "requests": {VERB: n}, "faults_fired", "namespaces": [...]}
  nlohmann::ordered_json stats() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace fleetsim::spoke
