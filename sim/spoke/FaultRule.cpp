#include "spoke/FaultRule.hpp"

#include <stdexcept>

#include "scenario/JsonValues.hpp"

namespace fleetsim::spoke {

namespace {

[[noreturn]] void fail(const std::string& spec, const std::string& what) {
  throw std::invalid_argument("--fault \"" + spec + "\": " + what);
}

std::uint64_t count(const std::string& spec, const std::string& key, const std::string& v,
                    std::uint64_t min) {
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    fail(spec, key + " must be a whole number, got \"" + v + "\"");
  const std::uint64_t n = std::stoull(v);
  if (n < min) fail(spec, key + " must be >= " + std::to_string(min) + ", got " + v);
  return n;
}

FaultRule::Kind kind_of(const std::string& spec, const std::string& k) {
  if (k == "delay") return FaultRule::Kind::kDelay;
  if (k == "429") return FaultRule::Kind::k429;
  if (k == "500") return FaultRule::Kind::k500;
  if (k == "reset") return FaultRule::Kind::kReset;
  if (k == "malformed") return FaultRule::Kind::kMalformed;
  fail(spec, "unknown fault kind \"" + k + "\" (want delay, 429, 500, reset or malformed)");
}

void set_trigger(FaultRule& r, FaultRule::Trigger t, const std::string& spec, bool& seen) {
  if (seen) fail(spec, "at most one trigger (probability, every, after, always)");
  seen = true;
  r.trigger = t;
}

void verbs(FaultRule& r, const std::string& spec, const std::string& v) {
  std::size_t start = 0;
  while (start <= v.size()) {
    auto bar = v.find('|', start);
    if (bar == std::string::npos) bar = v.size();
    const std::string one = v.substr(start, bar - start);
    if (one == "*") {
      r.verbs.clear();
      return;
    }
    if (one != "GET" && one != "LIST" && one != "POST" && one != "PUT" && one != "PATCH" &&
        one != "DELETE")
      fail(spec, "unknown verb \"" + one + "\" (want GET, LIST, POST, PUT, PATCH, DELETE or *)");
    r.verbs.insert(one);
    start = bar + 1;
  }
}

void option(FaultRule& r, const std::string& spec, const std::string& kv, bool& trigger_seen,
            bool& duration_seen) {
  const auto eq = kv.find('=');
  const std::string key = kv.substr(0, eq);
  const std::string v = eq == std::string::npos ? "" : kv.substr(eq + 1);
  if (key == "always" && eq == std::string::npos) {
    set_trigger(r, FaultRule::Trigger::kAlways, spec, trigger_seen);
    return;
  }
  if (eq == std::string::npos) fail(spec, "expected KEY=VALUE, got \"" + kv + "\"");
  if (key == "verb") {
    verbs(r, spec, v);
  } else if (key == "resource") {
    if (v != "configmaps" && v != "namespaces" && v != "*")
      fail(spec, "unknown resource \"" + v + "\" (want configmaps, namespaces or *)");
    r.resource = v;
  } else if (key == "probability") {
    set_trigger(r, FaultRule::Trigger::kProbability, spec, trigger_seen);
    std::size_t used = 0;
    try {
      r.probability = std::stod(v, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != v.size() || v.empty() || !(r.probability > 0 && r.probability <= 1))
      fail(spec, "probability must be a number in (0, 1], got \"" + v + "\"");
  } else if (key == "every") {
    set_trigger(r, FaultRule::Trigger::kEvery, spec, trigger_seen);
    r.n = count(spec, key, v, 1);
  } else if (key == "after") {
    set_trigger(r, FaultRule::Trigger::kAfter, spec, trigger_seen);
    r.n = count(spec, key, v, 0);
  } else if (key == "duration") {
    if (r.kind != FaultRule::Kind::kDelay) fail(spec, "duration applies to delay faults only");
    try {
      r.duration = scenario::duration_value(scenario::Json(v));
    } catch (const std::exception& e) {
      fail(spec, "duration: " + std::string(e.what()));
    }
    if (!(r.duration >= 0)) fail(spec, "duration must be >= 0, got \"" + v + "\"");
    duration_seen = true;
  } else if (key == "retry-after") {
    if (r.kind != FaultRule::Kind::k429) fail(spec, "retry-after applies to 429 faults only");
    r.retry_after = static_cast<int>(count(spec, key, v, 0));
  } else {
    fail(spec, "unknown key \"" + key +
                   "\" (want verb, resource, probability, every, after, always, duration, "
                   "retry-after)");
  }
}

}  // namespace

FaultRule FaultRule::parse(const std::string& spec) {
  FaultRule r;
  r.text = spec;
  const auto colon = spec.find(':');
  r.kind = kind_of(spec, spec.substr(0, colon));
  bool trigger_seen = false, duration_seen = false;
  if (colon != std::string::npos) {
    const std::string rest = spec.substr(colon + 1);
    std::size_t start = 0;
    while (start <= rest.size()) {
      auto comma = rest.find(',', start);
      if (comma == std::string::npos) comma = rest.size();
      const std::string kv = rest.substr(start, comma - start);
      if (kv.empty()) fail(spec, "empty option");
      option(r, spec, kv, trigger_seen, duration_seen);
      start = comma + 1;
    }
  }
  if (r.kind == Kind::kDelay && !duration_seen) fail(spec, "a delay needs duration=DURATION");
  return r;
}

bool FaultRule::matches(const std::string& verb, const std::string& resource_name) const {
  if (!verbs.empty() && !verbs.contains(verb)) return false;
  return resource == "*" || resource == resource_name;
}

}  // namespace fleetsim::spoke
