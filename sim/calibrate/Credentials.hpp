// Credentials: the secrets a ClusterAccess points to, loaded — CA and client certificate
// and key as PEM, a bearer token — from files, inline data or an exec credential plugin.
//
// Models: client-go's loading of a kubeconfig user: token wins over tokenFile (the file
// is read once at start); an exec plugin is run once (no refresh: a calibration is short);
// its token or client certificate is used. Invariants: secrets are held only here and in
// the transport; what() of every error names a file or a field, never a secret. The
// description() is safe to print (it says which kinds of credentials are present).
#pragma once

#include <string>

#include "calibrate/ClusterAccess.hpp"

namespace fleetsim::calibrate {

struct Credentials {
  std::string ca_pem;     // empty: the system's trust store
  std::string cert_pem;   // client certificate (empty: none)
  std::string key_pem;    // client key (empty: none)
  std::string token;      // bearer token (empty: none)
  std::string auth_kind;  // "token", "client certificate", "exec plugin (token)", ... or "none"

  // Reads the files and runs the exec plugin of `access`. Throws KubeconfigError.
  static Credentials load(const ClusterAccess& access);
};

}  // namespace fleetsim::calibrate
