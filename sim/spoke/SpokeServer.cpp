#include "spoke/SpokeServer.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <stdexcept>

#include "spoke/FaultInjector.hpp"

namespace fleetsim::spoke {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string chunk(const std::string& data) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string out = size;
  out.append(data).append("\r\n");
  return out;
}

// A connection streaming a watch; the server pushes matching events to it.
struct Watcher {
  virtual ~Watcher() = default;
  virtual void push(std::string bytes) = 0;
  WatchSpec spec;
};

}  // namespace

struct SpokeServer::Impl : std::enable_shared_from_this<Impl> {
  asio::io_context& io;
  SpokeServerOptions opts;
  tcp::acceptor acceptor;
  SpokeApi api;
  FaultInjector faults;
  engine::RandomStream latency_rng;
  int in_flight = 0;
  std::map<std::string, std::uint64_t> requests;
  std::string url;
  std::vector<std::weak_ptr<Watcher>> watchers;

  Impl(asio::io_context& io_, SpokeServerOptions o)
      : io(io_),
        opts(std::move(o)),
        acceptor(io_),
        api(
            opts.api, [] { return static_cast<std::int64_t>(std::time(nullptr)); },
            engine::RandomStream(opts.seed, "spoke/" + opts.name + "/uid")),
        faults(opts.faults, opts.seed, opts.name),
        latency_rng(opts.seed, "spoke/" + opts.name + "/latency") {
    api.store().set_listener([this](const WatchEvent& e) { fan_out(e); });
  }

  void fan_out(const WatchEvent& e) {
    std::erase_if(watchers, [](const auto& w) { return w.expired(); });
    const auto alive = watchers;  // a push may end a watch
    for (const auto& weak : alive)
      if (auto w = weak.lock(); w && w->spec.matches(e)) w->push(chunk(api.frame(e, w->spec)));
  }

  // One request through faults, latency and the API; `done` gets the answer.
  template <class Done>
  void serve(SpokeRequest req, std::shared_ptr<asio::steady_timer> timer, Done done) {
    if (!api.authenticated(req)) return done(api.handle(req));
    const RequestInfo info = SpokeApi::classify(req);
    ++requests[info.verb];
    ++in_flight;
    const FaultDecision d = faults.decide(info.verb, info.resource);
    const double delay = opts.latency.sample(info.verb, in_flight, latency_rng) + d.delay;
    timer->expires_after(std::chrono::nanoseconds(static_cast<std::int64_t>(delay * 1e9)));
    timer->async_wait([self = shared_from_this(), req = std::move(req), d,
                       done = std::move(done)](beast::error_code) mutable {
      --self->in_flight;
      if (d.answer && *d.answer != FaultRule::Kind::kMalformed)
        return done(FaultInjector::respond(d, SpokeResponse{}));
      done(FaultInjector::respond(d, self->api.handle(req)));
    });
  }

  template <class Stream>
  struct Session : Watcher, std::enable_shared_from_this<Session<Stream>> {
    std::shared_ptr<Impl> server;
    Stream stream;
    beast::flat_buffer buffer;
    std::optional<http::request_parser<http::string_body>> parser;
    http::response<http::string_body> res;
    std::shared_ptr<asio::steady_timer> timer;
    bool verified = false;
    // Watch streaming: bytes waiting to be written, one write at a time.
    std::deque<std::string> pending;
    bool writing = false, ending = false, closed = false;
    char probe = 0;

    template <class... A>
    Session(std::shared_ptr<Impl> s, A&&... a)
        : server(std::move(s)),
          stream(std::forward<A>(a)...),
          timer(std::make_shared<asio::steady_timer>(server->io)) {}

    void read() {
      parser.emplace();
      parser->body_limit(8 * 1024 * 1024);
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(300));
      http::async_read(stream, buffer, *parser,
                       [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec) return self->close(false);
                         self->on_request();
                       });
    }

    void on_request() {
      auto& msg = parser->get();
      SpokeRequest req;
      req.method = std::string(msg.method_string());
      req.target = std::string(msg.target());
      for (const auto& f : msg) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers.emplace_back(std::move(name), std::string(f.value()));
      }
      req.body = std::move(msg.body());
      req.client_certificate_verified = verified;
      const bool keep = msg.keep_alive();
      const unsigned version = msg.version();
      const bool head = msg.method() == http::verb::head;
      beast::get_lowest_layer(stream).expires_never();
      if (server->api.authenticated(req)) {
        std::optional<SpokeResponse> error;
        if (auto spec = server->api.watch_spec(req, error)) return watch(std::move(*spec));
        if (error) return respond(std::move(*error), keep, version, head);
      }
      server->serve(std::move(req), timer,
                    [self = this->shared_from_this(), keep, version, head](SpokeResponse r) {
                      self->respond(std::move(r), keep, version, head);
                    });
    }

    void respond(SpokeResponse r, bool keep, unsigned version, bool head) {
      if (r.reset) return close(true);
      res = {};
      res.version(version);
      res.result(static_cast<http::status>(r.status));
      res.set(http::field::content_type, r.content_type);
      res.set(http::field::cache_control, "no-cache, private");
      for (const auto& [n, v] : r.headers) res.insert(n, v);
      res.body() = head ? "" : std::move(r.body);
      res.keep_alive(keep);
      res.prepare_payload();
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(60));
      http::async_write(stream, res,
                        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec || !self->res.keep_alive()) return self->close(false);
                          self->read();
                        });
    }

    // Streams the watch: initial events, then every matching change, until timeoutSeconds
    // (the stream ends with the last chunk) or the client goes away.
    void watch(WatchSpec s) {
      spec = std::move(s);
      ++server->requests["WATCH"];
      pending.push_back(
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: no-cache, "
          "private\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
      for (const auto& e : server->api.initial_events(spec)) {
        pending.push_back(chunk(server->api.frame(e, spec)));
        if (e.type == "ERROR") ending = true;
      }
      if (ending) pending.push_back("0\r\n\r\n");
      server->watchers.push_back(this->shared_from_this());
      timer->expires_after(
          std::chrono::milliseconds(static_cast<std::int64_t>(spec.timeout * 1e3)));
      timer->async_wait([self = this->shared_from_this()](beast::error_code ec) {
        if (ec || self->ending) return;
        self->ending = true;
        self->push("0\r\n\r\n");
      });
      // A read completes only when the client closes (or sends garbage): then stop.
      stream.async_read_some(asio::buffer(&probe, 1),
                             [self = this->shared_from_this()](beast::error_code, std::size_t) {
                               self->close(false);
                             });
      flush();
    }

    void push(std::string bytes) override {
      if (closed) return;
      pending.push_back(std::move(bytes));
      flush();
    }

    void flush() {
      if (writing || closed) return;
      if (pending.empty()) {
        if (ending) close(false);
        return;
      }
      writing = true;
      asio::async_write(stream, asio::buffer(pending.front()),
                        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                          self->writing = false;
                          self->pending.pop_front();
                          if (ec) return self->close(false);
                          self->flush();
                        });
    }

    void close(bool reset) {
      if (closed) return;
      closed = true;
      timer->cancel();
      auto& sock = beast::get_lowest_layer(stream).socket();
      beast::error_code ec;
      if (reset)
        sock.set_option(asio::socket_base::linger(true, 0), ec);
      else
        sock.shutdown(tcp::socket::shutdown_send, ec);
      sock.close(ec);
    }
  };

  using Plain = Session<beast::tcp_stream>;
  using Tls = Session<beast::ssl_stream<beast::tcp_stream>>;

  void accept() {
    acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
      if (!ec) self->start(std::move(socket));
      self->accept();
    });
  }

  void start(tcp::socket socket) {
    if (!opts.tls) return std::make_shared<Plain>(shared_from_this(), std::move(socket))->read();
    auto s = std::make_shared<Tls>(shared_from_this(), std::move(socket), *opts.tls);
    beast::get_lowest_layer(s->stream).expires_after(std::chrono::seconds(30));
    s->stream.async_handshake(asio::ssl::stream_base::server, [s](beast::error_code ec) {
      if (ec) return s->close(false);
      SSL* ssl = s->stream.native_handle();
      X509* peer = SSL_get1_peer_certificate(ssl);
      s->verified = peer && SSL_get_verify_result(ssl) == X509_V_OK;
      if (peer) X509_free(peer);
      s->read();
    });
  }
};

SpokeServer::SpokeServer(asio::io_context& io, SpokeServerOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {
  auto& o = impl_->opts;
  beast::error_code ec;
  const auto ip = asio::ip::make_address(o.host, ec);
  if (ec) throw std::runtime_error("--listen: bad host \"" + o.host + "\" (want an IP address)");
  const tcp::endpoint ep(ip, o.port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " +
                             ec.message());
  const auto local = a.local_endpoint();
  const std::string host = local.address().to_string();
  const std::string hostport =
      (local.address().is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(local.port());
  impl_->url = (o.tls ? "https://" : "http://") + hostport;
  impl_->api.config().server_address = hostport;
  impl_->accept();
}

SpokeServer::~SpokeServer() {
  stop();
}

std::string SpokeServer::url() const {
  return impl_->url;
}

unsigned short SpokeServer::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void SpokeServer::stop() {
  beast::error_code ec;
  impl_->acceptor.close(ec);
}

nlohmann::ordered_json SpokeServer::stats() const {
  nlohmann::ordered_json j;
  j["name"] = impl_->opts.name;
  j["url"] = impl_->url;
  j["requests"] = nlohmann::ordered_json::object();
  for (const auto& [verb, n] : impl_->requests) j["requests"][verb] = n;
  j["faults_fired"] = impl_->faults.fired();
  j["namespaces"] = impl_->api.store().namespace_names();
  return j;
}

}  // namespace fleetsim::spoke
