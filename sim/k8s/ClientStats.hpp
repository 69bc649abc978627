// ClientStats: requests one controller's REST clients made, by server, verb, kind, code.
//
// Models: the client-side request metrics of client-go (rest_client_requests_total
// {code, method, host}) and Hive (hive_kube_client_requests_total / _request_seconds
// {controller, method, resource, remote, status}). Every attempt is counted, retries
// included. Latency is from the first token wait to the answer of that attempt.
// Units: seconds.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "k8s/ApiRequest.hpp"
#include "stats/Histogram.hpp"

namespace fleetsim::k8s {

struct ClientKey {
  std::string host;  // API server name
  bool remote = false;
  Verb verb = Verb::kGet;
  KindId kind = 0;
  int code = 200;
  auto tie() const { return std::tie(host, remote, verb, kind, code); }
  bool operator<(const ClientKey& o) const { return tie() < o.tie(); }
};

struct ClientEntry {
  std::uint64_t count = 0;
  stats::Histogram seconds{stats::Histogram::default_buckets()};
};

class ClientStats {
 public:
  void record(const ClientKey& key, double seconds) {
    auto& e = entries_[key];
    ++e.count;
    e.seconds.observe(seconds);
  }
  const std::map<ClientKey, ClientEntry>& entries() const { return entries_; }
  std::uint64_t total() const {
    std::uint64_t n = 0;
    for (const auto& [k, e] : entries_) n += e.count;
    return n;
  }

 private:
  std::map<ClientKey, ClientEntry> entries_;
};

}  // namespace fleetsim::k8s
