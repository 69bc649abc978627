// RandomStream: a named, seeded pseudo-random stream that is reproducible across platforms.
//
// Models: the source of randomness of one model component (e.g. "controller/syncsetinstance",
// "apiserver/hub"). Each component owns its own stream, keyed by (scenario seed, stream name),
// so the values it draws do not depend on how events of other components interleave.
//
// Algorithm: xoshiro256** (Blackman & Vigna), state filled by splitmix64 from a 64-bit key.
// key = mix64(mix64(scenario_seed) ^ fnv1a64(stream_name)), where mix64 is the splitmix64
// finalizer. derive(child) builds a new key from this stream's key (not its position).
// Only integer arithmetic and IEEE-exact operations are used for next(), uniform01(), below()
// and uniform(), so those outputs are bit-identical on every conforming platform.
// exponential() and standard_normal() also call std::log / std::log1p / std::sqrt; sqrt is
// exactly rounded by IEEE 754, log/log1p are deterministic for a given libm (glibc), but other
// libms may differ in the last bit.
//
// Units: none (dimensionless numbers); exponential(mean) has the unit of `mean`.
// Invariants: the xoshiro state is never all zero; uniform01() is in [0, 1);
// below(n) is in [0, n); a copy continues the exact same sequence as the original.
#pragma once

#include <cstdint>
#include <string_view>

namespace fleetsim::engine {

class RandomStream {
 public:
  RandomStream(std::uint64_t scenario_seed, std::string_view stream_name);

  // A child stream whose key depends only on this stream's key and `child`,
  // never on how many values have been drawn from this stream.
  RandomStream derive(std::string_view child) const;

  // Next raw 64-bit output of xoshiro256**.
  std::uint64_t next();
  // Uniform on [0, 1) with 53 random bits (multiples of 2^-53).
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // lo + (hi - lo) * uniform01(); in [lo, hi) up to rounding of the final multiply-add.
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  // Unbiased integer in [0, n) (Lemire's multiply-and-reject). Throws std::invalid_argument
  // if n == 0.
  std::uint64_t below(std::uint64_t n);
  // Exponential with the given mean (>= 0): -mean * log(1 - U), U = uniform01().
  double exponential(double mean);
  // Standard normal N(0, 1) by Marsaglia's polar method; the second value of each pair is
  // cached and returned by the next call.
  double standard_normal();

  // The 64-bit key this stream was seeded from (for diagnostics and derive()).
  std::uint64_t key() const { return key_; }

  // FNV-1a 64-bit hash of a stream name.
  static constexpr std::uint64_t hash_name(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : name) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
    return h;
  }

 private:
  struct FromKey {};
  RandomStream(FromKey, std::uint64_t key);

  std::uint64_t key_;
  std::uint64_t s_[4];
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

}  // namespace fleetsim::engine
