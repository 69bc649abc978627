// Base64: RFC 4648 standard alphabet with '=' padding, as Go's encoding/json decodes the
// []byte fields of a kubeconfig (*-data). Models nothing; a codec.
// Invariants: decode(encode(x)) == x; decode ignores '\r' and '\n' (as Go does) and
// returns std::nullopt on any other character outside the alphabet or bad padding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fleetsim::calibrate {

std::optional<std::string> base64_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);

}  // namespace fleetsim::calibrate
