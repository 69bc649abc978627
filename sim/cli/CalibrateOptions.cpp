#include "cli/CalibrateOptions.hpp"

#include <cmath>

#include "cli/Commands.hpp"
#include "scenario/Quantity.hpp"

namespace fleetsim::cli {

namespace {

std::string value_of(const std::vector<std::string>& a, std::size_t& i) {
  if (i + 1 >= a.size()) throw UsageError{a[i] + " needs a value"};
  return a[++i];
}

long long integer(const std::string& option, const std::string& v, long long lo, long long hi) {
  std::size_t used = 0;
  long long x = 0;
  try {
    x = std::stoll(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (v.empty() || used != v.size() || x < lo || x > hi)
    throw UsageError{option + " needs a whole number in " + std::to_string(lo) + ".." +
                     std::to_string(hi) + ", got \"" + v + "\""};
  return x;
}

double number(const std::string& option, const std::string& v) {
  std::size_t used = 0;
  double x = -1;
  try {
    x = std::stod(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (v.empty() || used != v.size() || !std::isfinite(x) || x < 0)
    throw UsageError{option + " needs a number >= 0, got \"" + v + "\""};
  return x;
}

double duration(const std::string& option, const std::string& v) {
  double s = 0;
  try {
    s = scenario::parse_duration(v);
  } catch (const std::exception& e) {
    throw UsageError{option + ": " + e.what() + " (e.g. 30s, 2m)"};
  }
  if (!(s > 0)) throw UsageError{option + " must be > 0, got \"" + v + "\""};
  return s;
}

std::vector<int> levels(const std::string& v) {
  std::vector<int> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = v.find(',', start);
    const std::string item = v.substr(start, comma == std::string::npos ? comma : comma - start);
    const int l = static_cast<int>(integer("--levels", item, 1, 1000));
    if (!out.empty() && l <= out.back())
      throw UsageError{"--levels must increase, e.g. 1,5,20; got \"" + v + "\""};
    out.push_back(l);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

CalibrateOptions CalibrateOptions::parse(const std::vector<std::string>& a) {
  CalibrateOptions o;
  auto& w = o.calibration.workload;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& x = a[i];
    if (x == "--kubeconfig") {
      o.kubeconfig = value_of(a, i);
    } else if (x == "--context") {
      o.context = value_of(a, i);
    } else if (x == "--out") {
      o.out = value_of(a, i);
    } else if (x == "--levels") {
      w.levels = levels(value_of(a, i));
    } else if (x == "--requests") {
      w.requests = static_cast<int>(integer(x, value_of(a, i), 1, 1000000));
    } else if (x == "--duration") {
      w.duration = duration(x, value_of(a, i));
    } else if (x == "--object-size") {
      w.object_size = static_cast<int>(integer(x, value_of(a, i), 0, 1048576));
    } else if (x == "--max-errors") {
      w.max_errors = integer(x, value_of(a, i), 0, 1000000000);
    } else if (x == "--qps") {
      o.calibration.sender.qps = number(x, value_of(a, i));
    } else if (x == "--max-retries") {
      o.calibration.sender.max_retries = static_cast<int>(integer(x, value_of(a, i), 0, 1000));
    } else if (x == "--timeout") {
      o.timeout = duration(x, value_of(a, i));
    } else if (x == "--cleanup-timeout") {
      o.calibration.cleanup_timeout = duration(x, value_of(a, i));
    } else if (x == "--namespace") {
      o.calibration.namespace_name = value_of(a, i);
    } else if (x == "--insecure-http") {
      o.insecure_http = true;
    } else {
      throw UsageError{"unknown option \"" + x + "\""};
    }
  }
  if (o.kubeconfig.empty()) throw UsageError{"--kubeconfig PATH is required"};
  if (o.out.empty()) throw UsageError{"--out FILE is required (e.g. models/my-spoke.json)"};
  const std::string& ns = o.calibration.namespace_name;
  bool label = true;
  for (char c : ns) label = label && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (!ns.empty() && (!label || ns.size() > 63 || ns.front() == '-' || ns.back() == '-'))
    throw UsageError{"--namespace needs a DNS label (a-z, 0-9, '-', at most 63), got \"" + ns +
                     "\""};
  return o;
}

}  // namespace fleetsim::cli
