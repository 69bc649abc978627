// Quantity: parsing and formatting of the textual quantities used in scenarios.
//
// Models: Go time.ParseDuration strings ("250ms", "1h30m") and Kubernetes resource.Quantity
// strings ("500m", "512Mi", "1G", "12E-3").
// Units: durations in seconds, CPU in cores, memory in bytes.
// Invariants: parsers accept exactly the respective grammar and throw std::invalid_argument
// with a short human message otherwise (the caller adds the location). Durations are counted
// in whole nanoseconds like Go's time.Duration (so |d| < ~292 years); format_duration output
// parses back to the same value when it has at most 9 fractional digits of seconds.
#pragma once

#include <string>
#include <string_view>

namespace fleetsim::scenario {

// Go duration: [-+]?([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+ or a bare "0"; in seconds.
double parse_duration(std::string_view text);

// Kubernetes quantity: [-+]?(digits|digits.|.digits|digits.digits) followed by nothing, a
// binary suffix (Ki Mi Gi Ti Pi Ei), a decimal suffix (n u m k M G T P E) or an exponent
// (e|E)[-+]?digits.
double parse_quantity(std::string_view text);
// A quantity of CPU in cores ("500m" is 0.5); negative values are rejected.
double parse_cpu(std::string_view text);
// A quantity of memory in bytes ("512Mi" is 536870912); negative values are rejected.
double parse_memory(std::string_view text);

// Compact Go-like form: 7200 -> "2h", 5400 -> "1h30m", 90.5 -> "1m30.5s", 0.25 -> "250ms",
// 0 -> "0s". Rounded to whole nanoseconds; sub-second values use ms, us or ns.
std::string format_duration(double seconds);

}  // namespace fleetsim::scenario
