// HistogramFit: what a Prometheus histogram (cumulative buckets, sum, count) says about the
// distribution it observed: mean, quantiles as PromQL's histogram_quantile computes them,
// and a lognormal fitted to the bucket counts.
//
// Models:
// - quantile(): Prometheus' bucketQuantile (promql/quantile.go) exactly: q NaN -> NaN,
//   q < 0 -> -Inf, q > 1 -> +Inf; buckets sorted by upper bound, equal bounds merged (counts
//   added); no +Inf bucket -> NaN; counts made monotonic (differences within a relative
//   1e-12 are ignored in either direction, then decreases are removed, both against the
//   last accepted count); fewer than 2 buckets or 0 observations -> NaN;
//   rank = q * count; the first bucket whose count >= rank (searching all but +Inf); in the
//   +Inf bucket -> the highest finite upper bound; first bucket with upper bound <= 0 ->
//   that bound; else linear interpolation within the bucket, whose lower bound is the
//   previous upper bound, or 0 for the first bucket.
// - fit_lognormal(): maximum likelihood for interval-censored data: each bucket (l, u]
//   holding n observations contributes n * ln(Phi((ln u - mu)/s) - Phi((ln l - mu)/s))
//   (l = 0 for the first bucket, u = +Inf for the last). Why MLE and not least squares on
//   the empirical CDF at the bounds: the counts are multinomial, MLE weighs each bucket by
//   what it holds, uses the open +Inf bucket correctly and is consistent however wide the
//   buckets are (bucketing loses information, it adds no bias), and its curvature gives
//   standard errors that say how well these buckets pin the parameters. Maximised with
//   Nelder-Mead over (mu, ln s) from histogram_quantile's p50/p90; standard errors from the
//   inverse of the numerical Hessian (observed information) at the optimum.
//   Identifiability: empty buckets contribute nothing, so with observations in fewer than
//   3 buckets the likelihood has a ridge. With 2 non-empty buckets the fit uses the one
//   bound between them and the exact mean (_sum/_count): ln mean = mu + s^2/2 and
//   Phi((ln c - mu)/s) = share below c (method "cut+mean"); with 1 non-empty bucket there is
//   no shape, only the mean (method "mean").
// Units: whatever the histogram observes (seconds for every family fleetsim reads).
// Invariants: pure functions; deterministic; never throw on any finite or non-finite input.
#pragma once

#include <string>
#include <vector>

namespace fleetsim::calibrate {

struct PromBucket {
  double upper = 0;  // le
  double count = 0;  // cumulative: observations <= upper
};

struct LognormalFit {
  // "mle", "cut+mean", "mean" (no shape: a constant at the mean), or "none" (no data).
  std::string method = "none";
  double mu = 0;     // ln of the median
  double sigma = 0;  // of ln x
  // Standard errors (method "mle" only; NaN where the information matrix is singular).
  double se_mu = 0, se_sigma = 0, cov_mu_sigma = 0;
  int nonempty_buckets = 0;
  double median() const;
  double quantile(double q) const;
  double p99() const { return quantile(0.99); }
  // Standard error of ln(quantile(q)) by the delta method (NaN unless "mle").
  double se_log_quantile(double q) const;
};

struct HistogramStats {
  double count = 0;
  double sum = 0;
  double mean = 0;                   // sum / count (NaN when count is 0)
  double p50 = 0, p90 = 0, p99 = 0;  // histogram_quantile
  LognormalFit lognormal;
};

class HistogramFit {
 public:
  // PromQL histogram_quantile(q, buckets).
  static double quantile(double q, std::vector<PromBucket> buckets);
  // Lognormal fit to cumulative buckets (ending with +Inf); `sum` serves the cut+mean and
  // mean methods.
  static LognormalFit fit_lognormal(const std::vector<PromBucket>& buckets, double sum);
  // Everything above for one series.
  static HistogramStats describe(const std::vector<PromBucket>& buckets, double sum, double count);
};

}  // namespace fleetsim::calibrate
