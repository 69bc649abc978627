#include "calibrate/Credentials.hpp"

#include <fstream>
#include <sstream>

#include "calibrate/ExecPlugin.hpp"
#include "calibrate/KubeconfigError.hpp"

namespace fleetsim::calibrate {

namespace {

std::string read_file(const ClusterAccess& a, const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw KubeconfigError(a.source, field, "cannot read file " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A token file holds the token, maybe with a trailing newline (client-go trims spaces).
std::string trimmed(std::string s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!s.empty() && is_space(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  return s.substr(i);
}

}  // namespace

Credentials Credentials::load(const ClusterAccess& a) {
  Credentials c;
  c.ca_pem = a.ca_file.empty() ? a.ca_pem : read_file(a, a.ca_file, a.ca_field);
  c.cert_pem = a.cert_file.empty() ? a.cert_pem : read_file(a, a.cert_file, a.cert_field);
  c.key_pem = a.key_file.empty() ? a.key_pem : read_file(a, a.key_file, a.key_field);
  if (!a.token.empty()) {
    c.token = a.token;
  } else if (!a.token_file.empty()) {
    c.token = trimmed(read_file(a, a.token_file, a.token_field));
    if (c.token.empty()) throw KubeconfigError(a.source, a.token_field, "the token file is empty");
  }
  c.auth_kind = !c.token.empty() ? "bearer token" : !c.cert_pem.empty() ? "client certificate" : "";
  if (a.exec && c.token.empty() && c.cert_pem.empty()) {
    ExecPlugin::Result r = ExecPlugin::run(*a.exec, a, c.ca_pem);
    c.token = std::move(r.token);
    c.cert_pem = std::move(r.cert_pem);
    c.key_pem = std::move(r.key_pem);
    c.auth_kind = c.token.empty() ? "exec plugin (client certificate)" : "exec plugin (token)";
  }
  if (c.auth_kind.empty()) c.auth_kind = "none";
  return c;
}

}  // namespace fleetsim::calibrate
