#include "calibrate/HistogramFit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "engine/Distribution.hpp"

namespace fleetsim::calibrate {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSmallDeltaTolerance = 1e-12;  // promql/quantile.go smallDeltaTolerance

// Prometheus util/almost.Equal.
bool almost_equal(double a, double b, double epsilon) {
  constexpr double min_normal = 2.2250738585072014e-308;
  if (a == b) return true;
  const double abs_sum = std::fabs(a) + std::fabs(b);
  const double diff = std::fabs(a - b);
  if (a == 0 || b == 0 || abs_sum < min_normal) return diff < epsilon * min_normal;
  return diff / std::min(abs_sum, std::numeric_limits<double>::max()) < epsilon;
}

// Sorted by upper bound, equal bounds merged, counts monotonic (bucketQuantile's steps).
std::vector<PromBucket> normalized(std::vector<PromBucket> b) {
  std::erase_if(b, [](const PromBucket& x) { return std::isnan(x.upper); });
  std::stable_sort(b.begin(), b.end(),
                   [](const PromBucket& x, const PromBucket& y) { return x.upper < y.upper; });
  std::vector<PromBucket> out;
  for (const auto& x : b) {
    if (!out.empty() && out.back().upper == x.upper)
      out.back().count += x.count;
    else
      out.push_back(x);
  }
  if (out.empty()) return out;
  double prev = out[0].count;
  for (std::size_t i = 1; i < out.size(); ++i) {
    const double curr = out[i].count;
    if (curr == prev) continue;
    if (almost_equal(prev, curr, kSmallDeltaTolerance) || curr < prev) {
      out[i].count = prev;
      continue;
    }
    prev = curr;
  }
  return out;
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// ln P(a < Z <= b) for a standard normal Z, a < b, accurate in both tails.
double log_interval(double a, double b) {
  const double p = a > 0 ? normal_cdf(-a) - normal_cdf(-b) : normal_cdf(b) - normal_cdf(a);
  if (p > 1e-300) return std::log(p);
  // Far in a tail: ln of the nearer tail beyond the interval (Mills ratio).
  const double x = a > 0 ? a : -b;
  if (!std::isfinite(x)) return -1e300;
  return -0.5 * x * x - std::log(std::max(x, 1.0) * std::sqrt(2 * M_PI));
}

struct Interval {
  double lo, hi, n;  // (lo, hi], hi may be +Inf
};

// Non-empty buckets as intervals of positive values (bounds <= 0 are folded into the first
// positive bucket: a lognormal has no mass there).
std::vector<Interval> intervals(const std::vector<PromBucket>& cumulative) {
  std::vector<Interval> out;
  double lo = 0, below = 0;
  for (const auto& b : cumulative) {
    if (b.upper <= 0) continue;
    const double n = b.count - below;
    if (n > 0) out.push_back({lo, b.upper, n});
    lo = b.upper;
    below = std::max(below, b.count);
  }
  return out;
}

double neg_log_likelihood(const std::vector<Interval>& v, double mu, double sigma) {
  double ll = 0;
  for (const auto& x : v) {
    const double a = x.lo > 0 ? (std::log(x.lo) - mu) / sigma : -kInf;
    const double b = std::isfinite(x.hi) ? (std::log(x.hi) - mu) / sigma : kInf;
    ll += x.n * log_interval(a, b);
  }
  return -ll;
}

// Nelder-Mead on f(mu, ln sigma) from (mu0, t0); standard coefficients 1, 2, 0.5, 0.5.
template <class F>
std::array<double, 2> nelder_mead(F f, double mu0, double t0) {
  using P = std::array<double, 2>;
  std::array<P, 3> p = {P{mu0, t0}, P{mu0 + 0.2, t0}, P{mu0, t0 + 0.2}};
  std::array<double, 3> y = {f(p[0]), f(p[1]), f(p[2])};
  for (int it = 0; it < 2000; ++it) {
    std::array<int, 3> o = {0, 1, 2};
    std::sort(o.begin(), o.end(), [&](int i, int j) { return y[i] < y[j]; });
    const int best = o[0], mid = o[1], worst = o[2];
    const double size =
        std::max(std::fabs(p[worst][0] - p[best][0]) + std::fabs(p[mid][0] - p[best][0]),
                 std::fabs(p[worst][1] - p[best][1]) + std::fabs(p[mid][1] - p[best][1]));
    if (size < 1e-10 && std::fabs(y[worst] - y[best]) <= 1e-12 * (1 + std::fabs(y[best]))) break;
    const P c = {(p[best][0] + p[mid][0]) / 2, (p[best][1] + p[mid][1]) / 2};
    const auto at = [&](double k) {
      return P{c[0] + k * (p[worst][0] - c[0]), c[1] + k * (p[worst][1] - c[1])};
    };
    const P r = at(-1);
    const double yr = f(r);
    if (yr < y[best]) {
      const P e = at(-2);
      const double ye = f(e);
      if (ye < yr)
        p[worst] = e, y[worst] = ye;
      else
        p[worst] = r, y[worst] = yr;
    } else if (yr < y[mid]) {
      p[worst] = r, y[worst] = yr;
    } else {
      const P k = yr < y[worst] ? at(-0.5) : at(0.5);
      const double yk = f(k);
      if (yk < std::min(yr, y[worst])) {
        p[worst] = k, y[worst] = yk;
      } else {
        for (const int i : {mid, worst}) {
          p[i] = {(p[i][0] + p[best][0]) / 2, (p[i][1] + p[best][1]) / 2};
          y[i] = f(p[i]);
        }
      }
    }
  }
  const int best = static_cast<int>(std::min_element(y.begin(), y.end()) - y.begin());
  return p[best];
}

// Standard errors from the observed information (numerical Hessian in (mu, sigma)).
void standard_errors(const std::vector<Interval>& v, LognormalFit& fit) {
  const double h = 1e-4 * fit.sigma;
  const auto f = [&](double dm, double ds) {
    return neg_log_likelihood(v, fit.mu + dm, fit.sigma + ds);
  };
  const double f0 = f(0, 0);
  const double hmm = (f(h, 0) - 2 * f0 + f(-h, 0)) / (h * h);
  const double hss = (f(0, h) - 2 * f0 + f(0, -h)) / (h * h);
  const double hms = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h);
  const double det = hmm * hss - hms * hms;
  if (!(det > 0) || !(hmm > 0) || !std::isfinite(det)) {
    fit.se_mu = fit.se_sigma = fit.cov_mu_sigma = kNaN;
    return;
  }
  fit.se_mu = std::sqrt(hss / det);
  fit.se_sigma = std::sqrt(hmm / det);
  fit.cov_mu_sigma = -hms / det;
}

LognormalFit mean_only(double mean, int nonempty) {
  LognormalFit fit;
  fit.nonempty_buckets = nonempty;
  if (!(mean > 0) || !std::isfinite(mean)) return fit;
  fit.method = "mean";
  fit.mu = std::log(mean);
  return fit;
}

}  // namespace

double LognormalFit::median() const {
  return method == "none" ? kNaN : std::exp(mu);
}

double LognormalFit::quantile(double q) const {
  if (method == "none") return kNaN;
  if (sigma == 0) return std::exp(mu);
  return std::exp(mu + sigma * engine::Distribution::inverse_normal_cdf(q));
}

double LognormalFit::se_log_quantile(double q) const {
  if (method != "mle") return kNaN;
  const double z = engine::Distribution::inverse_normal_cdf(q);
  return std::sqrt(se_mu * se_mu + z * z * se_sigma * se_sigma + 2 * z * cov_mu_sigma);
}

double HistogramFit::quantile(double q, std::vector<PromBucket> buckets) {
  if (std::isnan(q)) return kNaN;
  if (q < 0) return -kInf;
  if (q > 1) return kInf;
  buckets = normalized(std::move(buckets));
  if (buckets.empty() || buckets.back().upper != kInf) return kNaN;
  if (buckets.size() < 2) return kNaN;
  const double observations = buckets.back().count;
  if (observations == 0) return kNaN;
  double rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first with count >= rank.
  std::size_t b = 0;
  while (b < buckets.size() - 1 && !(buckets[b].count >= rank)) ++b;
  if (b == buckets.size() - 1) return buckets[buckets.size() - 2].upper;
  if (b == 0 && buckets[0].upper <= 0) return buckets[0].upper;
  double start = 0, count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upper;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return start + (buckets[b].upper - start) * (rank / count);
}

LognormalFit HistogramFit::fit_lognormal(const std::vector<PromBucket>& buckets, double sum) {
  const auto b = normalized(buckets);
  if (b.empty() || b.back().upper != kInf) return LognormalFit{};  // no +Inf bucket: no total
  const auto v = intervals(b);
  const int nonempty = static_cast<int>(v.size());
  double total = 0;
  for (const auto& x : v) total += x.n;
  const double mean = total > 0 ? sum / total : kNaN;
  if (nonempty == 0) return LognormalFit{};
  if (nonempty == 1) return mean_only(mean, 1);
  if (nonempty == 2) {
    // One cut c with share p below it, and the mean: sigma^2/2 - z sigma - ln(mean/c) = 0.
    // Of the (up to two) positive roots, the likelier one (less mass outside the buckets).
    const double c = v[0].hi, p = v[0].n / total;
    const double z = engine::Distribution::inverse_normal_cdf(p);
    const double disc = z * z + 2 * std::log(mean / c);
    if (!(mean > 0) || !(disc >= 0)) return mean_only(mean, 2);
    LognormalFit fit;
    double best = kInf;
    for (const double sigma : {z + std::sqrt(disc), z - std::sqrt(disc)}) {
      if (!(sigma > 0) || !std::isfinite(sigma)) continue;
      const double mu = std::log(c) - z * sigma;
      const double nll = neg_log_likelihood(v, mu, sigma);
      if (!(nll < best)) continue;
      best = nll;
      fit.method = "cut+mean";
      fit.mu = mu;
      fit.sigma = sigma;
    }
    if (fit.method == "none") return mean_only(mean, 2);
    fit.nonempty_buckets = 2;
    fit.se_mu = fit.se_sigma = fit.cov_mu_sigma = kNaN;
    return fit;
  }
  // Start from histogram_quantile's median and its spread to p90.
  double p50 = quantile(0.5, b), p90 = quantile(0.9, b);
  if (!(p50 > 0) || !std::isfinite(p50)) p50 = mean > 0 ? mean : 1;
  double s0 = p90 > p50 && std::isfinite(p90) ? std::log(p90 / p50) / 1.2815515655446004 : 1;
  s0 = std::clamp(s0, 1e-3, 10.0);
  const auto f = [&](const std::array<double, 2>& x) {
    const double t = std::clamp(x[1], -12.0, 5.0);
    return neg_log_likelihood(v, x[0], std::exp(t)) + (x[1] - t) * (x[1] - t) * 1e6;
  };
  const auto best = nelder_mead(f, std::log(p50), std::log(s0));
  LognormalFit fit;
  fit.method = "mle";
  fit.nonempty_buckets = nonempty;
  fit.mu = best[0];
  fit.sigma = std::exp(std::clamp(best[1], -12.0, 5.0));
  if (!std::isfinite(fit.mu)) return mean_only(mean, nonempty);  // e.g. infinite counts
  standard_errors(v, fit);
  return fit;
}

HistogramStats HistogramFit::describe(const std::vector<PromBucket>& buckets, double sum,
                                      double count) {
  HistogramStats s;
  s.count = count;
  s.sum = sum;
  s.mean = count > 0 ? sum / count : kNaN;
  s.p50 = quantile(0.5, buckets);
  s.p90 = quantile(0.9, buckets);
  s.p99 = quantile(0.99, buckets);
  s.lognormal = fit_lognormal(buckets, sum);
  return s;
}

}  // namespace fleetsim::calibrate
