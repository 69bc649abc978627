#include "calibrate/SampleStats.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/Distribution.hpp"

namespace fleetsim::calibrate {

namespace {
double sorted_quantile(const std::vector<double>& x, double q) {
  if (x.empty()) throw std::invalid_argument("quantile of an empty sample");
  if (!(q >= 0 && q <= 1)) throw std::invalid_argument("quantile level outside [0, 1]");
  const double h = static_cast<double>(x.size() - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= x.size()) return x.back();
  return x[lo] + (h - static_cast<double>(lo)) * (x[lo + 1] - x[lo]);
}
}  // namespace

double LognormalMle::median() const {
  return std::exp(mu);
}
double LognormalMle::p99() const {
  return std::exp(mu + engine::Distribution::kZ99 * sigma);
}

double SampleStats::quantile(std::vector<double> samples, double q) {
  std::sort(samples.begin(), samples.end());
  return sorted_quantile(samples, q);
}

Quantiles SampleStats::quantiles(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return {sorted_quantile(samples, 0.5), sorted_quantile(samples, 0.9),
          sorted_quantile(samples, 0.99), sorted_quantile(samples, 0.999)};
}

LognormalMle SampleStats::lognormal(const std::vector<double>& samples) {
  if (samples.empty()) throw std::invalid_argument("lognormal fit of an empty sample");
  double sum = 0;
  for (double x : samples) {
    if (!(x > 0)) throw std::invalid_argument("lognormal fit needs samples > 0");
    sum += std::log(x);
  }
  const double n = static_cast<double>(samples.size());
  LognormalMle f;
  f.mu = sum / n;
  double ss = 0;
  for (double x : samples) ss += (std::log(x) - f.mu) * (std::log(x) - f.mu);
  f.sigma = std::sqrt(ss / n);
  return f;
}

}  // namespace fleetsim::calibrate
