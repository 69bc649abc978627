#include "calibrate/BeastTransport.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>

#include "calibrate/KubeconfigError.hpp"
#include "calibrate/TransportError.hpp"
#include "scenario/Quantity.hpp"

namespace fleetsim::calibrate {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct BeastTransport::Tls {
  ssl::context ctx{ssl::context::tls_client};
};

namespace {

using Kind = TransportError::Kind;

class BeastConnection final : public Transport::Connection {
 public:
  BeastConnection(const BeastTransport::Options& o, ssl::context* ctx) : o_(o), ctx_(ctx) {}

  HttpResponse send(const HttpRequest& r) override {
    const auto deadline = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(o_.timeout));
    try {
      if (!open_) open(deadline);
      return ctx_ ? exchange(*tls_, r, deadline) : exchange(*tcp_, r, deadline);
    } catch (const TransportError&) {
      close();
      throw;
    }
  }

 private:
  beast::tcp_stream& lowest() { return ctx_ ? beast::get_lowest_layer(*tls_) : *tcp_; }

  // Starts an asynchronous operation and runs the context until it completes.
  template <typename Start>
  beast::error_code await(Start&& start) {
    beast::error_code result;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc_.restart();
    ioc_.run();
    return result;
  }

  [[noreturn]] void fail(const beast::error_code& ec, const std::string& during) {
    const std::string where = o_.url.origin();
    if (ec == beast::error::timeout)
      throw TransportError(Kind::kTimeout, "no answer from " + where + " within " +
                                               scenario::format_duration(o_.timeout) +
                                               " (--timeout) while " + during);
    if (ec.category() == http::make_error_code(http::error::bad_version).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
      throw TransportError(Kind::kMalformed,
                           "malformed HTTP response from " + where + ": " + ec.message());
    if (ec == asio::error::connection_refused)
      throw TransportError(Kind::kConnect, "connection to " + where + " refused");
    if (ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == http::error::end_of_stream || ec == http::error::partial_message ||
        ec == ssl::error::stream_truncated || ec == asio::error::broken_pipe)
      throw TransportError(Kind::kReset, "connection to " + where + " closed or reset while " +
                                             during + " (" + ec.message() + ")");
    throw TransportError(Kind::kConnect,
                         "cannot reach " + where + " while " + during + ": " + ec.message());
  }

  void open(std::chrono::steady_clock::duration deadline) {
    tcp::resolver resolver(ioc_);
    beast::error_code ec;
    const auto endpoints = resolver.resolve(o_.url.host, std::to_string(o_.url.port), ec);
    if (ec)
      throw TransportError(Kind::kConnect, "cannot resolve " + o_.url.host + ": " + ec.message());
    if (ctx_) {
      tls_ = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ioc_, *ctx_);
    } else {
      tcp_ = std::make_unique<beast::tcp_stream>(ioc_);
    }
    lowest().expires_after(deadline);
    ec = await([&](auto h) { lowest().async_connect(endpoints, std::move(h)); });
    if (ec) fail(ec, "connecting");
    lowest().socket().set_option(tcp::no_delay(true), ec);  // as Go's net package does
    if (ctx_) handshake();
    open_ = true;
  }

  void handshake() {
    SSL* ssl = tls_->native_handle();
    const std::string name = o_.tls_server_name.empty() ? o_.url.host : o_.tls_server_name;
    ServerUrl probe;
    probe.host = name;
    const bool ip = probe.host_is_ip();
    if (!ip) SSL_set_tlsext_host_name(ssl, name.c_str());
    if (!o_.insecure_skip_tls_verify) {
      X509_VERIFY_PARAM* p = SSL_get0_param(ssl);
      X509_VERIFY_PARAM_set_hostflags(p, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      if (ip)
        X509_VERIFY_PARAM_set1_ip_asc(p, name.c_str());
      else
        X509_VERIFY_PARAM_set1_host(p, name.c_str(), 0);
    }
    const beast::error_code ec =
        await([&](auto h) { tls_->async_handshake(ssl::stream_base::client, std::move(h)); });
    if (!ec) return;
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK)
      throw TransportError(
          Kind::kTls,
          "TLS: the certificate of " + o_.url.origin() +
              " is not trusted: " + X509_verify_cert_error_string(verify) + " (verified against " +
              (o_.credentials.ca_pem.empty() ? "the system's CAs" : "the kubeconfig's CA") +
              ", name " + name + ")");
    if (ec == beast::error::timeout) fail(ec, "the TLS handshake");
    throw TransportError(Kind::kTls,
                         "TLS handshake with " + o_.url.origin() + " failed: " + ec.message());
  }

  template <typename Stream>
  HttpResponse exchange(Stream& s, const HttpRequest& r, std::chrono::steady_clock::duration d) {
    http::request<http::string_body> req{http::string_to_verb(r.method),
                                         o_.url.base_path + r.target, 11};
    std::string host =
        o_.url.host.find(':') != std::string::npos ? "[" + o_.url.host + "]" : o_.url.host;
    host.append(":").append(std::to_string(o_.url.port));
    req.set(http::field::host, host);
    req.set(http::field::user_agent, o_.user_agent);
    req.set(http::field::accept, "application/json");
    if (!o_.credentials.token.empty())
      req.set(http::field::authorization, "Bearer " + o_.credentials.token);
    if (!r.content_type.empty()) req.set(http::field::content_type, r.content_type);
    req.body() = r.body;
    req.prepare_payload();
    lowest().expires_after(d);
    beast::error_code ec = await([&](auto h) { http::async_write(s, req, std::move(h)); });
    if (ec) fail(ec, "sending " + r.method);
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    ec = await([&](auto h) { http::async_read(s, buffer_, parser, std::move(h)); });
    if (ec) fail(ec, "waiting for the answer to " + r.method);
    lowest().expires_never();
    const auto& res = parser.get();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    out.retry_after = std::string(res[http::field::retry_after]);
    out.content_type = std::string(res[http::field::content_type]);
    if (!res.keep_alive()) close();
    return out;
  }

  void close() {
    if (tcp_) {
      beast::error_code ec;
      tcp_->socket().close(ec);
    }
    if (tls_) {
      beast::error_code ec;
      beast::get_lowest_layer(*tls_).socket().close(ec);
    }
    tls_.reset();
    tcp_.reset();
    buffer_.clear();
    open_ = false;
  }

  const BeastTransport::Options& o_;
  ssl::context* ctx_;
  asio::io_context ioc_;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls_;
  std::unique_ptr<beast::tcp_stream> tcp_;
  beast::flat_buffer buffer_;
  bool open_ = false;
};

}  // namespace

BeastTransport::BeastTransport(Options options, const ClusterAccess& access)
    : options_(std::move(options)) {
  if (!options_.url.tls) return;
  tls_ = std::make_unique<Tls>();
  auto& ctx = tls_->ctx;
  const Credentials& c = options_.credentials;
  beast::error_code ec;
  if (options_.insecure_skip_tls_verify) {
    ctx.set_verify_mode(ssl::verify_none);
  } else {
    ctx.set_verify_mode(ssl::verify_peer);
    if (c.ca_pem.empty()) {
      ctx.set_default_verify_paths(ec);
    } else {
      ctx.add_certificate_authority(asio::buffer(c.ca_pem), ec);
      if (ec)
        throw KubeconfigError(access.source, access.ca_field,
                              "not a PEM certificate (" + ec.message() + ")");
    }
  }
  if (!c.cert_pem.empty()) {
    ctx.use_certificate_chain(asio::buffer(c.cert_pem), ec);
    if (ec)
      throw KubeconfigError(access.source, access.exec ? access.exec->field : access.cert_field,
                            "not a PEM client certificate (" + ec.message() + ")");
    ctx.use_private_key(asio::buffer(c.key_pem), ssl::context::pem, ec);
    if (ec)
      throw KubeconfigError(
          access.source, access.exec ? access.exec->field : access.key_field,
          "not a PEM private key matching the certificate (" + ec.message() + ")");
  }
}

BeastTransport::~BeastTransport() = default;

std::unique_ptr<Transport::Connection> BeastTransport::connect() {
  return std::make_unique<BeastConnection>(options_, tls_ ? &tls_->ctx : nullptr);
}

}  // namespace fleetsim::calibrate
