// SampleStats: the statistics a calibration fits to latency samples.
//
// Quantiles: empirical, Hyndman & Fan type 7 (numpy's default "linear"): for sorted
// x[0..n-1] and q in [0, 1], h = (n - 1) q, Q(q) = x[floor h] + (h - floor h)
// (x[floor h + 1] - x[floor h]). Lognormal: maximum likelihood, mu = mean of ln x,
// sigma = sqrt(mean of (ln x - mu)^2) (the MLE divides by n); median = exp(mu),
// p99 = exp(mu + z_0.99 sigma) — the parameters fleetsim's lognormal takes.
// Units: those of the samples (seconds). Invariants: pure functions; an empty sample
// throws std::invalid_argument; the lognormal needs every sample > 0.
#pragma once

#include <vector>

namespace fleetsim::calibrate {

struct Quantiles {
  double p50 = 0, p90 = 0, p99 = 0, p999 = 0;
};

struct LognormalMle {
  double mu = 0;
  double sigma = 0;
  double median() const;
  double p99() const;
};

class SampleStats {
 public:
  // Type-7 quantile of samples (any order).
  static double quantile(std::vector<double> samples, double q);
  static Quantiles quantiles(std::vector<double> samples);
  static LognormalMle lognormal(const std::vector<double>& samples);
};

}  // namespace fleetsim::calibrate
