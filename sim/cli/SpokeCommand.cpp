// fleetsim spoke: serves N emulated spoke API servers until SIGINT/SIGTERM (docs/spoke.md).
#include <utility>  // before Boost.Asio 1.74 (its awaitable.hpp uses std::exchange)

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/Commands.hpp"
#include "scenario/InputError.hpp"
#include "spoke/ProtobufBody.hpp"
#include "spoke/SpokeServer.hpp"

namespace fleetsim::cli {

namespace {

namespace fs = std::filesystem;
namespace asio = boost::asio;

struct SpokeArgs {
  int clusters = 1;
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string model;
  std::uint64_t seed = 1;
  std::string tls_cert, tls_key, client_ca, ca;
  std::string token, token_file;
  std::vector<std::string> faults;
  std::string kubeconfig_out, user_cert, user_key, stats_out;
  bool insecure_http = false;
};

std::string arg_value(const std::vector<std::string>& a, std::size_t& i) {
  if (i + 1 >= a.size()) throw UsageError{a[i] + " needs a value"};
  return a[++i];
}

std::uint64_t whole(const std::string& flag, const std::string& v, std::uint64_t max) {
  if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos ||
      std::stoull(v) > max)
    throw UsageError{flag + " needs a whole number <= " + std::to_string(max) + ", got \"" + v +
                     "\""};
  return std::stoull(v);
}

void listen_address(SpokeArgs& r, const std::string& a) {
  const auto colon = a.rfind(':');
  if (colon == std::string::npos) throw UsageError{"--listen needs HOST:PORT, got \"" + a + "\""};
  r.host = a.substr(0, colon);
  if (r.host.size() >= 2 && r.host.front() == '[' && r.host.back() == ']')
    r.host = r.host.substr(1, r.host.size() - 2);
  r.port = static_cast<unsigned short>(whole("--listen port", a.substr(colon + 1), 65535));
}

SpokeArgs parse_spoke_args(const std::vector<std::string>& a) {
  SpokeArgs r;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& x = a[i];
    if (x == "--clusters") {
      r.clusters = static_cast<int>(whole(x, arg_value(a, i), 10000));
      if (r.clusters < 1) throw UsageError{"--clusters needs at least 1"};
    } else if (x == "--listen") {
      listen_address(r, arg_value(a, i));
    } else if (x == "--model") {
      r.model = arg_value(a, i);
    } else if (x == "--seed") {
      r.seed = whole(x, arg_value(a, i), UINT64_MAX / 2);
    } else if (x == "--tls-cert") {
      r.tls_cert = arg_value(a, i);
    } else if (x == "--tls-key") {
      r.tls_key = arg_value(a, i);
    } else if (x == "--client-ca") {
      r.client_ca = arg_value(a, i);
    } else if (x == "--ca") {
      r.ca = arg_value(a, i);
    } else if (x == "--token") {
      r.token = arg_value(a, i);
    } else if (x == "--token-file") {
      r.token_file = arg_value(a, i);
    } else if (x == "--fault") {
      r.faults.push_back(arg_value(a, i));
    } else if (x == "--kubeconfig-out") {
      r.kubeconfig_out = arg_value(a, i);
    } else if (x == "--user-cert") {
      r.user_cert = arg_value(a, i);
    } else if (x == "--user-key") {
      r.user_key = arg_value(a, i);
    } else if (x == "--stats-out") {
      r.stats_out = arg_value(a, i);
    } else if (x == "--insecure-http") {
      r.insecure_http = true;
    } else {
      throw UsageError{(!x.empty() && x[0] == '-' ? "unknown option " : "unexpected argument ") +
                       x};
    }
  }
  if (r.tls_cert.empty() != r.tls_key.empty())
    throw UsageError{"--tls-cert and --tls-key go together"};
  const bool tls = !r.tls_cert.empty();
  if (!tls && !r.client_ca.empty()) throw UsageError{"--client-ca needs --tls-cert and --tls-key"};
  if (!tls && !r.ca.empty()) throw UsageError{"--ca needs --tls-cert and --tls-key"};
  if (!r.token.empty() && !r.token_file.empty())
    throw UsageError{"--token and --token-file exclude each other"};
  if (r.user_cert.empty() != r.user_key.empty())
    throw UsageError{"--user-cert and --user-key go together"};
  if ((!r.user_cert.empty()) && r.kubeconfig_out.empty())
    throw UsageError{"--user-cert and --user-key are written into --kubeconfig-out only"};
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(r.host, ec);
  if (ec) throw UsageError{"--listen: bad host \"" + r.host + "\" (want an IP address)"};
  if (!tls && !ip.is_loopback() && !r.insecure_http)
    throw UsageError{
        "plain HTTP on " + r.host +
        " (not loopback) needs --insecure-http; or serve TLS with --tls-cert/--tls-key"};
  if (r.port != 0 && r.port + r.clusters - 1 > 65535)
    throw UsageError{"--listen port + --clusters goes past 65535"};
  return r;
}

std::string read_file(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{flag + ": cannot read " + path};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::unique_ptr<asio::ssl::context> tls_context(const SpokeArgs& a) {
  if (a.tls_cert.empty()) return nullptr;
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
  auto load = [](const std::string& flag, const std::string& path, auto&& f) {
    try {
      f();
    } catch (const boost::system::system_error& e) {
      throw UsageError{flag + " " + path + ": " + e.what()};
    }
  };
  load("--tls-cert", a.tls_cert, [&] { ctx->use_certificate_chain_file(a.tls_cert); });
  load("--tls-key", a.tls_key,
       [&] { ctx->use_private_key_file(a.tls_key, asio::ssl::context::pem); });
  if (!a.client_ca.empty()) {
    load("--client-ca", a.client_ca, [&] { ctx->load_verify_file(a.client_ca); });
    // Ask for a client certificate; one that does not verify fails the handshake, none is
    // fine (token authentication), as kube-apiserver (VerifyClientCertIfGiven).
    ctx->set_verify_mode(asio::ssl::verify_peer);
    SSL_CTX_set_client_CA_list(ctx->native_handle(), SSL_load_client_CA_file(a.client_ca.c_str()));
    static const unsigned char kSession[] = "fleetsim-spoke";
    SSL_CTX_set_session_id_context(ctx->native_handle(), kSession, sizeof kSession - 1);
  }
  return ctx;
}

void write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp);
  }
  fs::rename(tmp, path);
}

std::string kubeconfig(const SpokeArgs& a, const std::vector<std::string>& urls) {
  std::string ca_data;
  if (!a.tls_cert.empty())
    ca_data = spoke::ProtobufBody::base64(
        read_file(a.ca.empty() ? (a.client_ca.empty() ? "--tls-cert" : "--client-ca") : "--ca",
                  !a.ca.empty()          ? a.ca
                  : !a.client_ca.empty() ? a.client_ca
                                         : a.tls_cert));
  std::string token = a.token;
  std::ostringstream y;
  y << "# Written by fleetsim spoke: one context per emulated spoke.\napiVersion: v1\n"
       "kind: Config\nclusters:\n";
  for (std::size_t i = 0; i < urls.size(); ++i) {
    y << "- name: spoke-" << i << "\n  cluster:\n    server: " << urls[i] << "\n";
    if (!ca_data.empty()) y << "    certificate-authority-data: " << ca_data << "\n";
  }
  y << "users:\n- name: fleetsim-spoke\n  user:";
  bool any = false;
  if (!a.token.empty() || !a.token_file.empty()) {
    y << (a.token.empty() ? "\n    tokenFile: " + fs::absolute(a.token_file).string()
                          : "\n    token: " + a.token);
    any = true;
  }
  if (!a.user_cert.empty()) {
    y << "\n    client-certificate: " << fs::absolute(a.user_cert).string()
      << "\n    client-key: " << fs::absolute(a.user_key).string();
    any = true;
  }
  y << (any ? "\n" : " {}\n") << "contexts:\n";
  for (std::size_t i = 0; i < urls.size(); ++i)
    y << "- name: spoke-" << i << "\n  context:\n    cluster: spoke-" << i
      << "\n    user: fleetsim-spoke\n";
  y << "current-context: spoke-0\n";
  return y.str();
}

std::string trimmed(std::string s) {
  const auto e = s.find_last_not_of(" \t\r\n");
  s.erase(e == std::string::npos ? 0 : e + 1);
  const auto b = s.find_first_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b);
}

int serve(const SpokeArgs& a) {
  spoke::SpokeLatency latency;
  if (!a.model.empty()) latency = spoke::SpokeLatency::load(a.model);
  std::vector<spoke::FaultRule> faults;
  for (const auto& f : a.faults) faults.push_back(spoke::FaultRule::parse(f));
  std::string token = a.token;
  if (!a.token_file.empty()) {
    token = trimmed(read_file("--token-file", a.token_file));
    if (token.empty()) throw UsageError{"--token-file " + a.token_file + " is empty"};
  }
  const auto tls = tls_context(a);
  asio::io_context io;
  std::vector<std::unique_ptr<spoke::SpokeServer>> servers;
  std::vector<std::string> urls;
  for (int i = 0; i < a.clusters; ++i) {
    spoke::SpokeServerOptions o;
    o.name = "spoke-" + std::to_string(i);
    o.host = a.host;
    o.port = a.port == 0 ? 0 : static_cast<unsigned short>(a.port + i);
    o.tls = tls.get();
    o.api.token = token;
    o.api.client_certificates = !a.client_ca.empty();
    o.latency = latency;
    o.faults = faults;
    o.seed = a.seed;
    servers.push_back(std::make_unique<spoke::SpokeServer>(io, std::move(o)));
    urls.push_back(servers.back()->url());
  }
  if (!a.kubeconfig_out.empty()) write_atomically(a.kubeconfig_out, kubeconfig(a, urls));
  for (std::size_t i = 0; i < urls.size(); ++i)
    std::cout << "fleetsim spoke: spoke-" << i << " listening on " << urls[i] << "\n";
  std::cout << "fleetsim spoke: ready" << std::endl;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    for (auto& s : servers) s->stop();
    io.stop();
  });
  io.run();
  if (!a.stats_out.empty()) {
    nlohmann::ordered_json j;
    j["spokes"] = nlohmann::ordered_json::array();
    for (const auto& s : servers) j["spokes"].push_back(s->stats());
    write_atomically(a.stats_out, j.dump(2) + "\n");
  }
  return 0;
}

}  // namespace

int spoke_command(const std::vector<std::string>& args) {
  const SpokeArgs a = parse_spoke_args(args);
  try {
    return serve(a);
  } catch (const scenario::InputError& e) {
    std::cerr << "fleetsim spoke: " << e.what() << "\n";
  } catch (const std::invalid_argument& e) {
    std::cerr << "fleetsim spoke: " << e.what() << "\n";
  } catch (const std::runtime_error& e) {
    std::cerr << "fleetsim spoke: " << e.what() << "\n";
  }
  return 2;
}

}  // namespace fleetsim::cli
