// PrometheusText: a parser of Prometheus' text exposition formats into families of samples.
//
// Models: the text format 0.0.4 (what `curl /metrics` or `kubectl get --raw /metrics`
// returns) and OpenMetrics 1.0 text (what fleetsim writes to metrics.om). Accepted:
// `# HELP name text` (escapes \\ \n, and \" as OpenMetrics writes it), `# TYPE name type`
// (counter, gauge, histogram, summary, untyped, unknown, gaugehistogram, stateset, info),
// `# UNIT name unit`, `# EOF` (nothing may follow it), other `#` lines as comments, blank
// lines; samples `name{label="value",...} value [timestamp] [# exemplar]` with label
// values escaped \\ \" \n, values as Go's ParseFloat reads them (+Inf, -Inf, NaN in any
// case), an optional timestamp, and an OpenMetrics exemplar after ` # ` (skipped).
// Timestamps: the text is OpenMetrics when it has a `# EOF` line, and its timestamps are
// seconds; otherwise they are milliseconds (0.0.4). Both are returned in seconds.
// A sample belongs to the family of the preceding `# TYPE`/`# HELP` when its name is the
// family's or the family's plus a suffix its type allows (_bucket, _sum, _count, _total,
// _created, _gcount, _gsum, _info); otherwise it opens an untyped family of its own name.
// Invariants: parse() is a pure function of its input: it returns or throws
// PrometheusTextError (1-based line and byte column), never anything else; its time is
// O(n log n) in the input size (no backtracking, no recursion). Label names within a sample are
// distinct; labels keep their written order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calibrate/PrometheusTextError.hpp"

namespace fleetsim::calibrate {

using PromLabels = std::vector<std::pair<std::string, std::string>>;

struct PromSample {
  std::string name;  // the full sample name, e.g. foo_bucket
  PromLabels labels;
  double value = 0;
  std::optional<double> timestamp;  // seconds
  int line = 0;                     // 1-based line of the sample in the text
  // The value of label `key`, or nullptr.
  const std::string* label(std::string_view key) const;
};

struct PromFamily {
  std::string name;
  std::string type = "untyped";  // as written in # TYPE; "untyped" when none
  std::string help;
  std::string unit;
  int line = 0;  // where the family starts
  std::vector<PromSample> samples;
};

struct PromExposition {
  bool openmetrics = false;  // had a # EOF line
  std::vector<PromFamily> families;
  // The family named `name`, or nullptr.
  const PromFamily* family(std::string_view name) const;
};

class PrometheusText {
 public:
  // Throws PrometheusTextError; what() is "LINE:COL: message".
  static PromExposition parse(std::string_view text);
  // A sample value or `le` as Go's strconv.ParseFloat reads decimal text (+Inf, -Inf, NaN
  // in any case); nullopt when it is not a number.
  static std::optional<double> parse_value(std::string_view text);
};

}  // namespace fleetsim::calibrate
