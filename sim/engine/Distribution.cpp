#include "engine/Distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace fleetsim::engine {

namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

void require(bool ok, const char* message) {
  if (!ok) throw std::invalid_argument(message);
}

// Inverse CDF of an empirical table at q (flat outside [q_first, q_last]).
double interpolate(const std::vector<std::pair<double, double>>& table, double q) {
  if (q <= table.front().first) return table.front().second;
  if (q >= table.back().first) return table.back().second;
  // First point with point.q > q; it exists and is not the first, by the checks above.
  const auto hi = std::upper_bound(table.begin(), table.end(), q,
                                   [](double x, const auto& point) { return x < point.first; });
  const auto lo = hi - 1;
  const double t = (q - lo->first) / (hi->first - lo->first);
  return lo->second + t * (hi->second - lo->second);
}

}  // namespace

Distribution Distribution::constant(double value) {
  require(std::isfinite(value), "constant value must be finite");
  require(value >= 0.0, "constant value must be >= 0");
  return Distribution(Constant{value});
}

Distribution Distribution::uniform(double lo, double hi) {
  require(std::isfinite(lo) && std::isfinite(hi), "uniform bounds must be finite");
  require(lo >= 0.0, "uniform lo must be >= 0");
  require(hi >= lo, "uniform hi must be >= lo");
  return Distribution(Uniform{lo, hi});
}

Distribution Distribution::exponential(double mean) {
  require(std::isfinite(mean), "exponential mean must be finite");
  require(mean > 0.0, "exponential mean must be > 0");
  return Distribution(Exponential{mean});
}

Distribution Distribution::lognormal_from_median_p99(double median, double p99) {
  require(std::isfinite(median) && std::isfinite(p99), "median and p99 must be finite");
  require(median > 0.0, "median must be > 0");
  require(p99 >= median, "p99 must be >= median");
  if (p99 == median) return constant(median);
  const double mu = std::log(median);
  const double sigma = std::log(p99 / median) / kZ99;
  return Distribution(Lognormal{median, p99, mu, sigma});
}

Distribution Distribution::empirical(std::vector<std::pair<double, double>> quantile_table) {
  require(!quantile_table.empty(), "table must not be empty");
  for (std::size_t i = 0; i < quantile_table.size(); ++i) {
    const auto [q, v] = quantile_table[i];
    require(std::isfinite(q) && std::isfinite(v), "table entries must be finite");
    require(q >= 0.0 && q <= 1.0, "table q must be in [0,1]");
    require(v >= 0.0, "table values must be >= 0");
    if (i > 0) {
      require(q > quantile_table[i - 1].first, "table q must increase");
      require(v >= quantile_table[i - 1].second, "table values must not decrease");
    }
  }
  return Distribution(Empirical{std::move(quantile_table)});
}

double Distribution::sample(RandomStream& rng) const {
  return std::visit(
      Overloaded{
          [](const Constant& d) { return d.value; },
          [&](const Uniform& d) { return rng.uniform(d.lo, d.hi); },
          [&](const Exponential& d) { return rng.exponential(d.mean); },
          [&](const Lognormal& d) { return std::exp(d.mu + d.sigma * rng.standard_normal()); },
          [&](const Empirical& d) { return interpolate(d.table, rng.uniform01()); },
      },
      params_);
}

double Distribution::mean() const {
  return std::visit(Overloaded{
                        [](const Constant& d) { return d.value; },
                        [](const Uniform& d) { return 0.5 * (d.lo + d.hi); },
                        [](const Exponential& d) { return d.mean; },
                        [](const Lognormal& d) { return std::exp(d.mu + 0.5 * d.sigma * d.sigma); },
                        [](const Empirical& d) {
                          const auto& t = d.table;
                          double sum = t.front().first * t.front().second;
                          for (std::size_t i = 1; i < t.size(); ++i) {
                            sum += (t[i].first - t[i - 1].first) * 0.5 *
                                   (t[i].second + t[i - 1].second);
                          }
                          return sum + (1.0 - t.back().first) * t.back().second;
                        },
                    },
                    params_);
}

double Distribution::quantile(double q) const {
  require(q >= 0.0 && q <= 1.0, "quantile q must be in [0,1]");
  return std::visit(
      Overloaded{
          [](const Constant& d) { return d.value; },
          [&](const Uniform& d) { return d.lo + q * (d.hi - d.lo); },
          [&](const Exponential& d) {
            return q == 1.0 ? std::numeric_limits<double>::infinity() : -d.mean * std::log1p(-q);
          },
          [&](const Lognormal& d) { return std::exp(d.mu + d.sigma * inverse_normal_cdf(q)); },
          [&](const Empirical& d) { return interpolate(d.table, q); },
      },
      params_);
}

Distribution Distribution::scaled(double factor) const {
  require(std::isfinite(factor), "scale factor must be finite");
  require(factor >= 0.0, "scale factor must be >= 0");
  if (factor == 0.0) return constant(0.0);
  // Through the factories, so a scaled distribution is exactly what reading back its
  // (scaled) parameters would give.
  return std::visit(Overloaded{
                        [&](const Constant& d) { return constant(d.value * factor); },
                        [&](const Uniform& d) { return uniform(d.lo * factor, d.hi * factor); },
                        [&](const Exponential& d) { return exponential(d.mean * factor); },
                        [&](const Lognormal& d) {
                          return lognormal_from_median_p99(d.median * factor, d.p99 * factor);
                        },
                        [&](const Empirical& d) {
                          auto table = d.table;
                          for (auto& point : table) point.second *= factor;
                          return empirical(std::move(table));
                        },
                    },
                    params_);
}

std::string Distribution::kind() const {
  return std::visit(Overloaded{
                        [](const Constant&) { return "constant"; },
                        [](const Uniform&) { return "uniform"; },
                        [](const Exponential&) { return "exponential"; },
                        [](const Lognormal&) { return "lognormal"; },
                        [](const Empirical&) { return "empirical"; },
                    },
                    params_);
}

double Distribution::inverse_normal_cdf(double p) {
  require(p >= 0.0 && p <= 1.0, "normal quantile p must be in [0,1]");
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();

  // Wichura, M.J. (1988) Algorithm AS241, Applied Statistics 37(3):477-484 (PPND16).
  constexpr double a0 = 3.3871328727963666080e0, a1 = 1.3314166789178437745e+2,
                   a2 = 1.9715909503065514427e+3, a3 = 1.3731693765509461125e+4,
                   a4 = 4.5921953931549871457e+4, a5 = 6.7265770927008700853e+4,
                   a6 = 3.3430575583588128105e+4, a7 = 2.5090809287301226727e+3;
  constexpr double b1 = 4.2313330701600911252e+1, b2 = 6.8718700749205790830e+2,
                   b3 = 5.3941960214247511077e+3, b4 = 2.1213794301586595867e+4,
                   b5 = 3.9307895800092710610e+4, b6 = 2.8729085735721942674e+4,
                   b7 = 5.2264952788528545610e+3;
  constexpr double c0 = 1.42343711074968357734e0, c1 = 4.63033784615654529590e0,
                   c2 = 5.76949722146069140550e0, c3 = 3.64784832476320460504e0,
                   c4 = 1.27045825245236838258e0, c5 = 2.41780725177450611770e-1,
                   c6 = 2.27238449892691845833e-2, c7 = 7.74545014278341407640e-4;
  constexpr double d1 = 2.05319162663775882187e0, d2 = 1.67638483018380384940e0,
                   d3 = 6.89767334985100004550e-1, d4 = 1.48103976427480074590e-1,
                   d5 = 1.51986665636164571966e-2, d6 = 5.47593808499534494600e-4,
                   d7 = 1.05075007164441684324e-9;
  constexpr double e0 = 6.65790464350110377720e0, e1 = 5.46378491116411436990e0,
                   e2 = 1.78482653991729133580e0, e3 = 2.96560571828504891230e-1,
                   e4 = 2.65321895265761230930e-2, e5 = 1.24266094738807843860e-3,
                   e6 = 2.71155556874348757815e-5, e7 = 2.01033439929228813265e-7;
  constexpr double f1 = 5.99832206555887937690e-1, f2 = 1.36929880922735805310e-1,
                   f3 = 1.48753612908506148525e-2, f4 = 7.86869131145613259100e-4,
                   f5 = 1.84631831751005468180e-5, f6 = 1.42151175831644588870e-7,
                   f7 = 2.04426310338993978564e-15;

  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * (((((((a7 * r + a6) * r + a5) * r + a4) * r + a3) * r + a2) * r + a1) * r + a0) /
           (((((((b7 * r + b6) * r + b5) * r + b4) * r + b3) * r + b2) * r + b1) * r + 1.0);
  }
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double z;
  if (r <= 5.0) {
    r -= 1.6;
    z = (((((((c7 * r + c6) * r + c5) * r + c4) * r + c3) * r + c2) * r + c1) * r + c0) /
        (((((((d7 * r + d6) * r + d5) * r + d4) * r + d3) * r + d2) * r + d1) * r + 1.0);
  } else {
    r -= 5.0;
    z = (((((((e7 * r + e6) * r + e5) * r + e4) * r + e3) * r + e2) * r + e1) * r + e0) /
        (((((((f7 * r + f6) * r + f5) * r + f4) * r + f3) * r + f2) * r + f1) * r + 1.0);
  }
  return q < 0.0 ? -z : z;
}

}  // namespace fleetsim::engine
