// ExecPlugin: a client-go exec credential plugin (client.authentication.k8s.io v1 and
// v1beta1), run as kubectl runs it.
//
// Models: the command with its args, the caller's environment plus the config's env and
// KUBERNETES_EXEC_INFO (an ExecCredential with spec.interactive = false and, with
// provideClusterInfo, spec.cluster); stdin is /dev/null, stderr is the caller's, stdout
// is parsed as an ExecCredential whose apiVersion must equal the config's; status.token
// or status.clientCertificateData + clientKeyData (PEM) is the credential.
// Invariants: messages name the command and the field, never stdout's content; a failing
// or unparsable plugin throws KubeconfigError.
#pragma once

#include <string>
#include <string_view>

#include "calibrate/ClusterAccess.hpp"

namespace fleetsim::calibrate {

class ExecPlugin {
 public:
  struct Result {
    std::string token;
    std::string cert_pem;
    std::string key_pem;
  };

  // KUBERNETES_EXEC_INFO for `exec` talking to `access`'s cluster (CA as PEM, may be "").
  static std::string exec_info(const ExecConfig& exec, const ClusterAccess& access,
                               const std::string& ca_pem);
  // Parses the plugin's stdout; pure. `source` names the kubeconfig for messages.
  static Result parse_output(std::string_view stdout_text, const ExecConfig& exec,
                             const std::string& source);
  // Runs the plugin and parses its output.
  static Result run(const ExecConfig& exec, const ClusterAccess& access, const std::string& ca_pem);
};

}  // namespace fleetsim::calibrate
