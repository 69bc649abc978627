#include "calibrate/ServerUrl.hpp"

#include <arpa/inet.h>

#include <stdexcept>

namespace fleetsim::calibrate {

ServerUrl ServerUrl::parse(std::string_view url) {
  ServerUrl u;
  std::string_view rest;
  if (url.substr(0, 8) == "https://") {
    rest = url.substr(8);
  } else if (url.substr(0, 7) == "http://") {
    u.tls = false;
    u.port = 80;
    rest = url.substr(7);
  } else {
    throw std::invalid_argument("expected an https:// or http:// URL");
  }
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  if (path.find_first_of("?#") != std::string_view::npos)
    throw std::invalid_argument("a query or fragment is not allowed");
  if (authority.find('@') != std::string_view::npos)
    throw std::invalid_argument("user information in the URL is not allowed");
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("unclosed '[' in the host");
    u.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') throw std::invalid_argument("unexpected text after the IPv6 address");
      port = after.substr(1);
      if (port.empty()) throw std::invalid_argument("empty port");
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) throw std::invalid_argument("empty port");
    }
  }
  if (u.host.empty()) throw std::invalid_argument("no host");
  if (!port.empty()) {
    unsigned long p = 0;
    for (char c : port) {
      if (c < '0' || c > '9') throw std::invalid_argument("port is not a number");
      p = p * 10 + static_cast<unsigned long>(c - '0');
      if (p > 65535) throw std::invalid_argument("port out of range");
    }
    if (p == 0) throw std::invalid_argument("port out of range");
    u.port = static_cast<unsigned short>(p);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  u.base_path = std::string(path);
  return u;
}

bool ServerUrl::host_is_ip() const {
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

bool ServerUrl::is_loopback() const {
  if (host == "localhost") return true;
  unsigned char buf[16];
  if (inet_pton(AF_INET, host.c_str(), buf) == 1) return buf[0] == 127;
  if (inet_pton(AF_INET6, host.c_str(), buf) == 1) {
    for (int i = 0; i < 15; ++i)
      if (buf[i] != 0) return false;
    return buf[15] == 1;
  }
  return false;
}

std::string ServerUrl::origin() const {
  std::string s = tls ? "https://" : "http://";
  s += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  s.append(":").append(std::to_string(port));
  return s;
}

}  // namespace fleetsim::calibrate
