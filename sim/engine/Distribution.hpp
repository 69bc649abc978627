// Distribution: a non-negative random quantity, e.g. a latency in seconds or CPU work in
// core-seconds, sampled from a RandomStream.
//
// Models: one of five kinds, held by value in a std::variant:
//   constant(v)                       always v (draws nothing from the stream);
//   uniform(lo, hi)                   lo + (hi - lo) * U;
//   exponential(mean)                 -mean * log(1 - U);
//   lognormal_from_median_p99(m, p)   exp(mu + sigma * Z), mu = ln m,
//                                     sigma = ln(p / m) / z_0.99 (p == m gives constant(m));
//   empirical(table)                  inverse CDF through (q, value) points, linearly
//                                     interpolated, flat below the first and above the last q.
// Units: whatever the caller's values are in (seconds, core-seconds, ...); scaled(f)
// multiplies every value, so it also converts units.
// Invariants (checked by the factories, which throw std::invalid_argument): all parameters
// are finite; values are >= 0; uniform hi >= lo; exponential mean > 0; lognormal median > 0
// and p99 >= median; empirical table non-empty, q strictly increasing in [0, 1], values
// non-decreasing. sample() never allocates.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/RandomStream.hpp"

namespace fleetsim::engine {

class Distribution {
 public:
  struct Constant {
    double value = 0.0;
    bool operator==(const Constant&) const = default;
  };
  struct Uniform {
    double lo = 0.0;
    double hi = 0.0;
    bool operator==(const Uniform&) const = default;
  };
  struct Exponential {
    double mean = 0.0;
    bool operator==(const Exponential&) const = default;
  };
  struct Lognormal {
    double median = 0.0;  // as given; exp(mu)
    double p99 = 0.0;     // as given; exp(mu + sigma * kZ99)
    double mu = 0.0;      // mean of the underlying normal
    double sigma = 0.0;   // standard deviation of the underlying normal, > 0
    bool operator==(const Lognormal&) const = default;
  };
  struct Empirical {
    std::vector<std::pair<double, double>> table;  // (q, value) points
    bool operator==(const Empirical&) const = default;
  };
  using Params = std::variant<Constant, Uniform, Exponential, Lognormal, Empirical>;

  // Standard normal quantile at 0.99.
  static constexpr double kZ99 = 2.3263478740408408;

  // constant(0).
  Distribution() = default;

  static Distribution constant(double value);
  static Distribution uniform(double lo, double hi);
  static Distribution exponential(double mean);
  static Distribution lognormal_from_median_p99(double median, double p99);
  static Distribution empirical(std::vector<std::pair<double, double>> quantile_table);

  // One draw. Consumes zero (constant), one (uniform, exponential, empirical) or a
  // standard_normal() (lognormal) from `rng`.
  double sample(RandomStream& rng) const;
  // Analytic mean (empirical: integral of the piecewise-linear inverse CDF incl. flat ends).
  double mean() const;
  // Analytic quantile for q in [0, 1] (throws std::invalid_argument otherwise); may be
  // +infinity at q == 1 for exponential and lognormal.
  double quantile(double q) const;
  // The same shape with every value multiplied by factor >= 0 (0 gives constant(0)).
  Distribution scaled(double factor) const;
  // "constant", "uniform", "exponential", "lognormal" or "empirical".
  std::string kind() const;

  // Parameters, for writing the resolved scenario: std::get_if<Distribution::Uniform>(...).
  const Params& params() const { return params_; }
  template <class T>
  const T* as() const {
    return std::get_if<T>(&params_);
  }

  bool operator==(const Distribution&) const = default;

  // Inverse of the standard normal CDF (Wichura, AS241 PPND16, ~1e-16 relative accuracy).
  // Returns -inf at p == 0 and +inf at p == 1; p must be in [0, 1].
  static double inverse_normal_cdf(double p);

 private:
  explicit Distribution(Params p) : params_(std::move(p)) {}

  Params params_{Constant{}};
};

}  // namespace fleetsim::engine
