// Kubeconfig: a kubeconfig file (clientcmd v1 Config) as kubectl reads it.
//
// Models: clusters, contexts and users by name and current-context; selecting a context
// yields a ClusterAccess. Relative file paths (certificate-authority, client-certificate,
// client-key, tokenFile, an exec command containing '/') resolve against the directory
// of the kubeconfig, as kubectl does; *-data fields are base64 and decoded here.
// Keys of clientcmd's v1 types are accepted; others are errors (named by field path).
// Fields fleetsim cannot honour (proxy-url, username/password, auth-provider,
// impersonation) are errors only in the context that is selected.
// Invariants: parse() is a pure function of its arguments (no file or environment access)
// and, for any input, either returns or throws KubeconfigError naming the source, the
// line and column when known, and the field path; it never prints. Messages never quote
// the value of a secret field (token, *-data, client-key, password).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "calibrate/ClusterAccess.hpp"

namespace fleetsim::calibrate {

class Kubeconfig {
 public:
  struct Cluster {
    std::string name, field;
    std::string server, ca_file, ca_pem, tls_server_name, proxy_url;
    bool insecure = false;
  };
  struct User {
    std::string name, field;
    std::string token, token_file, cert_file, cert_pem, key_file, key_pem;
    bool basic_auth = false, auth_provider = false, impersonation = false;
    std::optional<ExecConfig> exec;
  };
  struct Context {
    std::string name, field;
    std::string cluster, user, namespace_name;
  };

  // Parses `text`; `source_name` is the file's path (its directory resolves relative
  // paths) and appears in every error message.
  static Kubeconfig parse(std::string_view text, const std::string& source_name);

  // The context `name`, or current-context when `name` is empty.
  ClusterAccess select(const std::string& name) const;

  const std::vector<Cluster>& clusters() const { return clusters_; }
  const std::vector<User>& users() const { return users_; }
  const std::vector<Context>& contexts() const { return contexts_; }
  const std::string& current_context() const { return current_context_; }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::string current_context_;
  std::vector<Cluster> clusters_;
  std::vector<User> users_;
  std::vector<Context> contexts_;
};

}  // namespace fleetsim::calibrate
