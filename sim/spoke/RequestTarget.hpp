// RequestTarget: the path and query of an HTTP request target, percent-decoded.
//
// Models: how kube-apiserver reads a URL: "/api/v1/namespaces/ns/configmaps?labelSelector=
// a%3Db&force=true". Path segments are split at '/' (empty segments dropped) and decoded;
// query parameters are split at '&' and '=' and decoded ('+' is a space); a repeated
// parameter keeps its first value. Invariants: parse() never throws; `valid` is false when
// a percent escape is malformed or the target does not start with '/'.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fleetsim::spoke {

struct RequestTarget {
  std::vector<std::string> segments;
  std::map<std::string, std::string> query;
  bool valid = true;

  static RequestTarget parse(std::string_view target);
  // The parameter's value, or `otherwise` when absent.
  std::string param(const std::string& name, const std::string& otherwise = "") const;
  bool has(const std::string& name) const { return query.contains(name); }
};

}  // namespace fleetsim::spoke
