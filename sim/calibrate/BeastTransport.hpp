// BeastTransport: the real Transport — HTTP/1.1 over TCP or TLS (OpenSSL through
// Boost.Asio) with Boost.Beast, one keep-alive connection per Connection object.
//
// Models: what client-go's transport does for a kubeconfig: TLS verified against the CA
// (or the system's trust store when there is none), host name or IP SAN checked against
// tls-server-name or the URL's host (also sent as SNI for names), a client certificate
// when given, "Authorization: Bearer" when there is a token; insecure-skip-tls-verify
// turns verification off (the caller warns). A deadline of `timeout` seconds covers each
// send() (connect, handshake, write, read).
// Invariants: credentials live only in the ssl::context and the header; errors are
// TransportError naming the server and the cause; a bad CA, certificate or key throws
// KubeconfigError naming the field (constructor).
#pragma once

#include <memory>
#include <string>

#include "calibrate/ClusterAccess.hpp"
#include "calibrate/Credentials.hpp"
#include "calibrate/ServerUrl.hpp"
#include "calibrate/Transport.hpp"

namespace fleetsim::calibrate {

class BeastTransport : public Transport {
 public:
  struct Options {
    ServerUrl url;
    Credentials credentials;
    bool insecure_skip_tls_verify = false;
    std::string tls_server_name;
    double timeout = 30;  // seconds per request
    std::string user_agent = "fleetsim-calibrate";
  };
  // `access` names the kubeconfig fields for errors about the CA, certificate or key.
  BeastTransport(Options options, const ClusterAccess& access);
  ~BeastTransport() override;

  std::unique_ptr<Connection> connect() override;
  std::string describe() const override { return options_.url.origin(); }

 private:
  struct Tls;
  Options options_;
  std::unique_ptr<Tls> tls_;
};

}  // namespace fleetsim::calibrate
