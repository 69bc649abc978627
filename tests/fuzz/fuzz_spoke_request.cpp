// fuzz_spoke_request: libFuzzer target. Decodes the input bytes into a sequence of HTTP
// requests and gives them, in order, to one emulated spoke's pure request handler
// (spoke::SpokeApi::handle), so that later requests meet the objects earlier ones created.
// Input format: requests separated by the byte 0x1e; in each, the first line is
// "METHOD TARGET", then "name: value" header lines up to an empty line, then the body.
// No authentication is configured, so every request reaches the API logic.
// Invariant checked: handle() returns for every input (it is noexcept: an exception is a
// crash), with a status in 100..599 and, when not 2xx and not a reset, a body; a crash,
// an assertion, a sanitizer report, a hang or unbounded allocation is a finding.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/RandomStream.hpp"
#include "spoke/SpokeApi.hpp"
#include "spoke/SpokeRequest.hpp"

namespace {

using fleetsim::spoke::SpokeRequest;

std::string_view next_line(std::string_view& text) {
  const auto end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

SpokeRequest decode(std::string_view text) {
  SpokeRequest request;
  const std::string_view first = next_line(text);
  const auto space = first.find(' ');
  request.method = std::string(first.substr(0, space));
  if (space != std::string_view::npos) request.target = std::string(first.substr(space + 1));
  while (!text.empty()) {
    const std::string_view line = next_line(text);
    if (line.empty()) break;
    const auto colon = line.find(':');
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers.emplace_back(std::move(name), std::string(value));
  }
  request.body = std::string(text);
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fleetsim;
  std::int64_t now = 1'700'000'000;
  spoke::SpokeApi api(
      spoke::SpokeApiConfig{}, [&now] { return now++; }, engine::RandomStream(1, "fuzz"));
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  while (!rest.empty()) {
    const auto end = rest.find('\x1e');
    const spoke::SpokeResponse response = api.handle(decode(rest.substr(0, end)));
    if (response.status < 100 || response.status > 599) std::abort();
    const bool ok = response.status >= 200 && response.status < 300;
    if (!ok && !response.reset && response.body.empty()) std::abort();
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return 0;
}
