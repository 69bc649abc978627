// ServerUrl: the `server` of a kubeconfig cluster, split for the HTTP client.
//
// Models: http:// or https:// URLs with a host name, an IPv4 address or a bracketed IPv6
// address, an optional port (default 443 / 80) and an optional path prefix (requests go
// below it, as client-go does). No user info, query or fragment.
// Invariants: parse() throws std::invalid_argument with a short reason on anything else;
// host has no brackets; port in 1..65535; base_path has no trailing '/'.
#pragma once

#include <string>
#include <string_view>

namespace fleetsim::calibrate {

struct ServerUrl {
  bool tls = true;
  std::string host;
  unsigned short port = 443;
  std::string base_path;

  static ServerUrl parse(std::string_view url);
  // 127.0.0.0/8, ::1 or "localhost".
  bool is_loopback() const;
  // host is an IPv4 or IPv6 literal.
  bool host_is_ip() const;
  // scheme://host:port (IPv6 in brackets), for messages and provenance.
  std::string origin() const;
};

}  // namespace fleetsim::calibrate
