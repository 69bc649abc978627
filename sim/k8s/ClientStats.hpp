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
#include <vector>

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
  // Buckets of hive_kube_client_request_seconds.
  stats::Histogram seconds{{0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120}};
};

class ClientStats {
 public:
  void record(const ClientKey& key, double seconds) {
    auto& e = entries_[key];
    ++e.count;
    e.seconds.observe(seconds);
  }
  // The same, keyed by the server object: remembers where each (server, remote, verb,
  // kind, code) entry lives, so the hot path makes no string comparison.
  void record(const void* server, const std::string& host, bool remote, Verb verb, KindId kind,
              int code, double seconds) {
    for (auto& c : cache_)
      if (c.server == server && c.remote == remote && c.verb == verb && c.kind == kind &&
          c.code == code) {
        ++c.entry->count;
        c.entry->seconds.observe(seconds);
        return;
      }
    auto& e = entries_[ClientKey{host, remote, verb, kind, code}];
    if (cache_.size() < kCacheSize) cache_.push_back(Cached{server, remote, verb, kind, code, &e});
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
  struct Cached {
    const void* server;
    bool remote;
    Verb verb;
    KindId kind;
    int code;
    ClientEntry* entry;  // std::map nodes never move
  };
  static constexpr std::size_t kCacheSize = 32;
  std::map<ClientKey, ClientEntry> entries_;
  std::vector<Cached> cache_;
};

}  // namespace fleetsim::k8s
