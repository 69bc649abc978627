#include "cli/HumanSummary.hpp"

#include <cstdio>
#include <string>

#include "scenario/Quantity.hpp"

namespace fleetsim::cli {

namespace {

std::string line(const char* fmt, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

std::string when(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "never";
  return scenario::format_duration(static_cast<double>(static_cast<long long>(v.get<double>())));
}

}  // namespace

std::string human_summary(const nlohmann::ordered_json& s, const std::string& dir) {
  std::string out;
  const double vt = s["virtual_seconds"].get<double>();
  out += line("fleetsim %s  scenario %s  seed %llu\n",
              s["fleetsim_version"].get<std::string>().c_str(),
              s["scenario"].get<std::string>().c_str(),
              static_cast<unsigned long long>(s["seed"].get<std::uint64_t>()));
  out += line("virtual time %s (stopped: %s); %llu events in %.2f s wall (%.2fM events/s)\n\n",
              scenario::format_duration(static_cast<double>(static_cast<long long>(vt))).c_str(),
              s["stop_reason"].get<std::string>().c_str(),
              static_cast<unsigned long long>(s["run"]["events"].get<std::uint64_t>()),
              s["run"]["wall_seconds"].get<double>(),
              s["run"]["events_per_second"].get<double>() / 1e6);
  out += line("%-22s %7s %11s %15s %17s %10s %11s\n", "controller", "workers", "reconciles",
              "rate/s mean|1m", "seconds p50|p99", "queue peak", "drained at");
  for (const auto& [name, c] : s["controllers"].items()) {
    out += line("%-22s %7d %11llu %7.3g|%-7.3g %8.3g|%-8.3g %10llu %11s\n", name.c_str(),
                c["workers"].get<int>(),
                static_cast<unsigned long long>(c["reconciles_total"].get<std::uint64_t>()),
                c["reconcile_rate_per_s"]["mean"].get<double>(),
                c["reconcile_rate_per_s"]["peak_1m"].get<double>(),
                c["reconcile_seconds"]["p50"].get<double>(),
                c["reconcile_seconds"]["p99"].get<double>(),
                static_cast<unsigned long long>(c["queue_depth"]["peak"].get<std::uint64_t>()),
                when(c["queue_drained_at_s"]).c_str());
  }
  const auto& a = s["applies"];
  if (a["total"].get<std::uint64_t>() > 0)
    out += line("\napplies: %llu (%.3g/s mean, %.3g/s peak 1m); seconds p50 %.3g, p99 %.3g\n",
                static_cast<unsigned long long>(a["total"].get<std::uint64_t>()),
                a["rate_per_s"]["mean"].get<double>(), a["rate_per_s"]["peak_1m"].get<double>(),
                a["seconds"]["p50"].get<double>(), a["seconds"]["p99"].get<double>());
  for (const auto& [name, h] : s["hosts"].items())
    out += line("host %s: %.3g of %d cores used on average, %.3g at the busiest minute\n",
                name.c_str(), h["cores_used"]["mean"].get<double>(), h["cores"].get<int>(),
                h["cores_used"]["peak_1m"].get<double>());
  for (const auto& [name, a2] : s["api_servers"].items())
    out += line(
        "api server %s: %llu requests, %llu rejected (429), latency p50 %.3g s, p99 %.3g s\n",
        name.c_str(), static_cast<unsigned long long>(a2["requests_total"].get<std::uint64_t>()),
        static_cast<unsigned long long>(a2["rejected_429_total"].get<std::uint64_t>()),
        a2["latency_seconds"]["p50"].get<double>(), a2["latency_seconds"]["p99"].get<double>());
  out += "\nresults: " + dir +
         "/ (summary.json, timeseries.csv, scenario.resolved.json, metrics.om)\n";
  return out;
}

}  // namespace fleetsim::cli
