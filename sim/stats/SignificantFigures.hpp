// SignificantFigures: a figure rounded to 6 significant digits for summaries (so results
// files stay stable and readable); non-finite values become 0.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace fleetsim::stats {

inline double six_figures(double v) {
  if (v == 0 || !std::isfinite(v)) return v == v && std::isfinite(v) ? v : 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return std::strtod(buf, nullptr);
}

}  // namespace fleetsim::stats
