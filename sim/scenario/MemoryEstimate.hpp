// MemoryEstimate: the peak resident memory a run of a loaded scenario will need, predicted
// from the resolved scenario before anything is built (so that absurd sizes are refused
// before memory blows up).
//
// Models: a fixed part (binary, SimGrid, histograms) plus per-object costs measured with
// /usr/bin/time peak RSS on the release build (docs/reliability.md, "Memory estimate"):
// SyncSetInstance slots, clusters, ClusterSync clusters, spokes, controller workers, keys
// of steps controllers, serving replicas and workers, and the samples of the time series
// up to the horizon. Requests queued by an overloaded serving system are not counted.
// Units: bytes. Invariants: the estimate never decreases when a count grows; it is a
// double, so absurd counts do not overflow.
#pragma once

#include <string>
#include <string_view>

#include "scenario/Scenario.hpp"

namespace fleetsim::scenario {

// Estimated peak RSS of `fleetsim run` on the scenario, in bytes; `horizon` (seconds) replaces
// stop.horizon when >= 0 (fleetsim run --until).
double estimate_memory(const Scenario& sc, double horizon = -1);

// Returns the estimate; throws InputError (at the scenario file as a whole) when it exceeds
// `limit_bytes`: "estimated memory 12.3 GiB exceeds the limit 10.0 MiB (--max-memory)".
double check_memory(const Scenario& sc, double limit_bytes, double horizon = -1);

// The default --max-memory: 80 % of MemTotal in /proc/meminfo (16 GiB if unreadable).
double default_memory_limit();

// "--max-memory" sizes: a Kubernetes quantity ("512Mi", "2G", "1e9") or the same with a
// trailing "B" ("10MiB", "2GB"); throws std::invalid_argument.
double parse_size(std::string_view text);

// "1.2 GiB", "340.0 MiB", "12.0 KiB", "512 B".
std::string format_bytes(double bytes);

}  // namespace fleetsim::scenario
