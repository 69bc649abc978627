// FaultRule: one --fault of `fleetsim spoke`, parsed.
//
// Grammar (docs/spoke.md): KIND[:KEY=VALUE[,KEY=VALUE]...]
//   KIND         delay | 429 | 500 | reset | malformed
//   verb=V[|V]   GET, LIST, POST, PUT, PATCH, DELETE (the API server's verbs: LIST is a GET
//                of a collection; apply is a PATCH) or * (default *)
//   resource=R   configmaps, namespaces or * (every request, discovery included);
//                default configmaps, so that a namespace cleanup is never hit by accident
//   trigger, at most one (default: always):
//     probability=P   each matching request with probability P in (0, 1] (seeded stream)
//     every=N         the N-th, 2N-th, ... matching request (N >= 1)
//     after=N         every matching request after the first N (N >= 0)
//     always          every matching request
//   duration=D   delay only, required: extra latency, a Go duration (150ms, 2s)
//   retry-after=S  429 only: the Retry-After header in whole seconds (default 1)
// Invariants: parse() throws std::invalid_argument with a message naming the spec and the
// offending part; a parsed rule satisfies the constraints above.
#pragma once

#include <cstdint>
#include <set>
#include <string>

namespace fleetsim::spoke {

struct FaultRule {
  enum class Kind { kDelay, k429, k500, kReset, kMalformed };
  enum class Trigger { kAlways, kProbability, kEvery, kAfter };

  Kind kind = Kind::k500;
  std::set<std::string> verbs;          // empty = any
  std::string resource = "configmaps";  // "*" = any
  Trigger trigger = Trigger::kAlways;
  double probability = 1;
  std::uint64_t n = 0;  // every / after
  double duration = 0;  // seconds, delay
  int retry_after = 1;  // seconds, 429
  std::string text;     // the spec as given

  static FaultRule parse(const std::string& spec);
  bool matches(const std::string& verb, const std::string& resource) const;
};

}  // namespace fleetsim::spoke
