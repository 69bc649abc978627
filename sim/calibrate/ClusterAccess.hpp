// ClusterAccess: how to reach one cluster as one user — the context a kubeconfig selects,
// with relative file paths already resolved against the kubeconfig's directory.
//
// Models: the subset of client-go's rest.Config that calibrate uses: the server URL, TLS
// trust (CA file or PEM data, or insecure-skip-tls-verify), the TLS server name, and one
// way to authenticate (bearer token or token file, client certificate and key as files or
// PEM data, or an exec credential plugin). Every `*_field` names where the value came from
// (e.g. users[1].user.client-key) for error messages; values of secret fields are never
// shown. Invariants (checked by Kubeconfig::select): server non-empty; not both a file
// and data for the CA, the client certificate or the key; a certificate has a key and
// vice versa; insecure excludes a CA.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fleetsim::calibrate {

struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or /v1beta1
  std::string command;      // resolved against the kubeconfig's directory if it has a '/'
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string interactive_mode;  // Never, IfAvailable, Always ("" = IfAvailable, v1beta1)
  bool provide_cluster_info = false;
  std::string install_hint;
  std::string field;  // users[i].user.exec
};

struct ClusterAccess {
  std::string source;   // the kubeconfig's name, for messages
  std::string context;  // the selected context's name
  std::string cluster;  // the cluster's name
  std::string user;     // the user's name
  std::string server;
  std::string server_field;
  std::string ca_file, ca_pem;  // at most one set
  std::string ca_field;
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string token;       // inline token (wins over token_file, as in client-go)
  std::string token_file;  // path
  std::string token_field;
  std::string cert_file, cert_pem;  // client certificate: at most one set
  std::string cert_field;
  std::string key_file, key_pem;  // client key: at most one set
  std::string key_field;
  std::optional<ExecConfig> exec;
};

}  // namespace fleetsim::calibrate
