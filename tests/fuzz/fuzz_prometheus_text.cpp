// fuzz_prometheus_text: libFuzzer target. Feeds the input bytes to the Prometheus text
// parser behind `fleetsim calibrate --from-metrics` (calibrate::PrometheusText::parse).
// Invariant checked: bad input ends in calibrate::PrometheusTextError; anything else (another
// exception, a crash, an assertion, a sanitizer report, a hang, unbounded allocation) is a
// finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "calibrate/PrometheusText.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using fleetsim::calibrate::PrometheusText;
  try {
    (void)PrometheusText::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const fleetsim::calibrate::PrometheusTextError&) {
    // bad input, reported with its line and column: the expected outcome
  }
  return 0;
}
