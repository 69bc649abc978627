#include "spoke/FaultInjector.hpp"

#include "spoke/Status.hpp"

namespace fleetsim::spoke {

FaultInjector::FaultInjector(std::vector<FaultRule> rules, std::uint64_t seed,
                             const std::string& spoke) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    std::string name = "spoke/";
    name.append(spoke).append("/fault/").append(std::to_string(i));
    rules_.push_back(State{std::move(rules[i]), engine::RandomStream(seed, name), 0});
  }
}

FaultDecision FaultInjector::decide(const std::string& verb, const std::string& resource) {
  FaultDecision d;
  for (auto& s : rules_) {
    if (!s.rule.matches(verb, resource)) continue;
    const std::uint64_t n = ++s.matched;
    bool fire = false;
    switch (s.rule.trigger) {
      case FaultRule::Trigger::kAlways:
        fire = true;
        break;
      case FaultRule::Trigger::kProbability:
        fire = s.rng.uniform01() < s.rule.probability;
        break;
      case FaultRule::Trigger::kEvery:
        fire = n % s.rule.n == 0;
        break;
      case FaultRule::Trigger::kAfter:
        fire = n > s.rule.n;
        break;
    }
    if (!fire) continue;
    ++fired_;
    if (s.rule.kind == FaultRule::Kind::kDelay) {
      d.delay += s.rule.duration;
    } else if (!d.answer) {
      d.answer = s.rule.kind;
      d.retry_after = s.rule.retry_after;
    }
  }
  return d;
}

SpokeResponse FaultInjector::respond(const FaultDecision& d, SpokeResponse real) {
  if (!d.answer) return real;
  switch (*d.answer) {
    case FaultRule::Kind::k429: {
      auto r = Status::failure(429, "TooManyRequests",
                               "the server has received too many requests and has asked us to "
                               "try again later (injected by fleetsim spoke --fault)",
                               Json{{"retryAfterSeconds", d.retry_after}});
      r.headers.emplace_back("Retry-After", std::to_string(d.retry_after));
      return r;
    }
    case FaultRule::Kind::k500:
      return Status::failure(500, "InternalError",
                             "Internal error occurred: injected by fleetsim spoke --fault");
    case FaultRule::Kind::kReset: {
      SpokeResponse r;
      r.reset = true;
      return r;
    }
    case FaultRule::Kind::kMalformed:
      real.body.resize(real.body.size() / 2);
      if (real.body.empty()) real.body.push_back('{');
      return real;
    case FaultRule::Kind::kDelay:
      break;
  }
  return real;
}

}  // namespace fleetsim::spoke
