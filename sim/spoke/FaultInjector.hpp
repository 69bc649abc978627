// FaultInjector: decides, per request, which --fault rules of a spoke fire.
//
// Models: test-time failures of a spoke's API server. Each rule counts the requests it
// matches (verb, resource); its trigger decides on that count (every N-th, after N) or on a
// draw from the rule's own stream RandomStream(seed, "spoke/<spoke>/fault/<index>")
// (probability), so a run with the same seed and request sequence fires the same faults.
// Every firing delay rule adds its duration; the first firing rule of another kind (in
// --fault order) decides the answer: 429 (TooManyRequests, Retry-After), 500
// (InternalError), reset (the connection closes without an answer), malformed (the real
// answer's body cut in half — invalid JSON). A 429, 500 or reset leaves the store untouched.
// Units: seconds. Invariants: counts only grow; decide() is a function of the rules, the
// seed and the sequence of (verb, resource) it was called with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/RandomStream.hpp"
#include "spoke/FaultRule.hpp"
#include "spoke/SpokeRequest.hpp"

namespace fleetsim::spoke {

struct FaultDecision {
  double delay = 0;                       // seconds added to the latency
  std::optional<FaultRule::Kind> answer;  // k429, k500, kReset or kMalformed
  int retry_after = 0;                    // seconds, with k429
};

class FaultInjector {
 public:
  FaultInjector(std::vector<FaultRule> rules, std::uint64_t seed, const std::string& spoke);

  FaultDecision decide(const std::string& verb, const std::string& resource);
  // The answer a firing fault replaces (429/500), or `real` transformed (malformed).
  static SpokeResponse respond(const FaultDecision& d, SpokeResponse real);
  std::uint64_t fired() const { return fired_; }

 private:
  struct State {
    FaultRule rule;
    engine::RandomStream rng;
    std::uint64_t matched = 0;
  };
  std::vector<State> rules_;
  std::uint64_t fired_ = 0;
};

}  // namespace fleetsim::spoke
