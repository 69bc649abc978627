// OpenMetricsWriter: the one exposition module: MetricsSnapshots and MetricsHistory as text.
//
// Models: Prometheus' two text formats, as prometheus/client_golang (expfmt) writes them:
// - text 0.0.4 (Content-Type text/plain; version=0.0.4): `# HELP`/`# TYPE` per family,
//   counters named with their `_total` suffix, numbers as Go's strconv 'g' shortest;
// - OpenMetrics 1.0.0 (application/openmetrics-text): counter families named without
//   `_total`, integral floats with ".0" (le="1.0"), `# EOF` at the end; bucket counts and
//   histogram counts as integers.
// metrics.om is OpenMetrics with one timestamp per sample, grouped family by family and
// series by series (a series' points in increasing time), so promtool can backfill it.
// Virtual time 0 is kMetricsEpochMs (2020-07-16T00:00:00Z, the day of Hive's scale-test
// observations), a fixed instant: the file holds no wall-clock value. Families without
// series are left out. prometheus-cpp is not packaged in Debian; this is our replacement.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "output/MetricsHistory.hpp"
#include "output/MetricsSnapshot.hpp"

namespace fleetsim::output {

enum class ExpositionFormat { kText004, kOpenMetrics };

inline constexpr std::int64_t kMetricsEpochMs = 1594857600000;  // 2020-07-16T00:00:00Z

// The Content-Type header of a format.
std::string_view content_type(ExpositionFormat f);
// The format an HTTP Accept header asks for: OpenMetrics when it lists
// application/openmetrics-text with a q-value above 0 and at least text/plain's (as
// Prometheus' scrape header does); text 0.0.4 otherwise (also for a missing header).
ExpositionFormat negotiate_format(std::string_view accept);

// One snapshot, without timestamps (what a scrape of /metrics returns).
void write_exposition(std::ostream& out, const MetricsSnapshot& s, ExpositionFormat f);
// A whole run as OpenMetrics with timestamps (metrics.om).
void write_openmetrics_history(std::ostream& out, const MetricsHistory& h,
                               std::int64_t epoch_ms = kMetricsEpochMs);

// strconv.FormatFloat(v, 'g', -1, 64): shortest round-trip digits, exponent form when the
// decimal exponent is < -4 or >= 6 (1e+06, 1.5e-05, 123456); "+Inf", "-Inf", "NaN".
std::string format_go_float(double v);
// OpenMetrics float: format_go_float plus ".0" when the result has no '.', 'e' or letter.
std::string format_openmetrics_float(double v);
// Label value escaping (both formats): backslash, double quote, line feed.
std::string escape_label_value(std::string_view v);
// HELP escaping: backslash and line feed; OpenMetrics also escapes double quotes.
std::string escape_help(std::string_view v, ExpositionFormat f);
// An OpenMetrics timestamp: seconds with up to 3 decimals ("1594857600", "1594857600.25").
std::string format_timestamp_ms(std::int64_t ms);

}  // namespace fleetsim::output
