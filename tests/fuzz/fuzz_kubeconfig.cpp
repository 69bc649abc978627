// fuzz_kubeconfig: libFuzzer target. Feeds the input bytes to the kubeconfig parser behind
// `fleetsim calibrate --kubeconfig` (calibrate::Kubeconfig::parse, a pure function: no file
// or environment access). Invariant checked: bad input ends in calibrate::KubeconfigError;
// anything else (another exception, a crash, an assertion, a sanitizer report, a hang,
// unbounded allocation) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "calibrate/Kubeconfig.hpp"
#include "calibrate/KubeconfigError.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using fleetsim::calibrate::Kubeconfig;
  try {
    (void)Kubeconfig::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const fleetsim::calibrate::KubeconfigError&) {
    // bad input, reported with the source, line, column and field: the expected outcome
  }
  return 0;
}
