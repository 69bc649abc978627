#include "engine/RandomStream.hpp"

#include <cmath>
#include <stdexcept>

namespace fleetsim::engine {

namespace {

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;
// Distinguishes derive() keys from root keys so that derive("x") of one stream cannot
// coincide systematically with a root stream named "x".
constexpr std::uint64_t kDeriveSalt = 0xd1b54a32d192ed03ULL;

// splitmix64 finalizer: a bijective 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One step of the splitmix64 generator.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  state += kGolden;
  return mix64(state);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

// Full 64x64 -> 128-bit product, portable (no __int128).
inline void mul128(std::uint64_t a, std::uint64_t b, std::uint64_t& hi, std::uint64_t& lo) {
  const std::uint64_t a_lo = a & 0xffffffffULL, a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xffffffffULL, b_hi = b >> 32;
  const std::uint64_t p0 = a_lo * b_lo;
  const std::uint64_t p1 = a_lo * b_hi;
  const std::uint64_t p2 = a_hi * b_lo;
  const std::uint64_t p3 = a_hi * b_hi;
  const std::uint64_t mid = (p0 >> 32) + (p1 & 0xffffffffULL) + (p2 & 0xffffffffULL);
  lo = (mid << 32) | (p0 & 0xffffffffULL);
  hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
}

}  // namespace

RandomStream::RandomStream(std::uint64_t scenario_seed, std::string_view stream_name)
    : RandomStream(FromKey{}, mix64(mix64(scenario_seed) ^ hash_name(stream_name))) {}

RandomStream::RandomStream(FromKey, std::uint64_t key) : key_(key) {
  std::uint64_t sm = key;
  for (auto& word : s_) word = splitmix64(sm);
  // splitmix64 outputs of four distinct counters cannot all be zero (mix64 is a bijection),
  // but keep the xoshiro invariant explicit.
  if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = kGolden;
}

RandomStream RandomStream::derive(std::string_view child) const {
  return RandomStream(FromKey{}, mix64((key_ + kDeriveSalt) ^ hash_name(child)));
}

std::uint64_t RandomStream::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t RandomStream::below(std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("below(n) needs n > 0");
  std::uint64_t hi, lo;
  mul128(next(), n, hi, lo);
  if (lo < n) {
    // (2^64 - n) mod n == (-n) mod n: the count of low words that would bias the result.
    const std::uint64_t threshold = (0 - n) % n;
    while (lo < threshold) mul128(next(), n, hi, lo);
  }
  return hi;
}

double RandomStream::exponential(double mean) {
  // 1 - U is in (0, 1], so the logarithm is finite.
  return -mean * std::log1p(-uniform01());
}

double RandomStream::standard_normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform01() - 1.0;
    v = 2.0 * uniform01() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_normal_ = true;
  return u * factor;
}

}  // namespace fleetsim::engine
