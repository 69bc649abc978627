#include "cli/MetricsServer.hpp"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "output/OpenMetricsWriter.hpp"

namespace fleetsim::cli {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

tcp::endpoint parse_address(const std::string& a) {
  std::string host = "127.0.0.1", port = a;
  if (!a.empty() && a.front() == '[') {
    const auto close = a.find(']');
    if (close == std::string::npos || close + 1 >= a.size() || a[close + 1] != ':')
      throw std::runtime_error("--serve: bad address \"" + a + "\" (want [HOST]:PORT)");
    host = a.substr(1, close - 1);
    port = a.substr(close + 2);
  } else if (const auto colon = a.rfind(':'); colon != std::string::npos) {
    host = a.substr(0, colon);
    port = a.substr(colon + 1);
  }
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535)
    throw std::runtime_error("--serve: bad port in \"" + a + "\" (want HOST:PORT or PORT)");
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error("--serve: bad host \"" + host + "\" (want an IP address)");
  return {ip, static_cast<unsigned short>(std::stoul(port))};
}

}  // namespace

struct MetricsServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::thread thread;
  std::string bound;  // HOST:PORT, set before the thread starts

  mutable std::mutex mu;
  std::condition_variable stopped_cv;
  std::shared_ptr<const output::MetricsSnapshot> latest =
      std::make_shared<const output::MetricsSnapshot>();
  std::atomic<bool> stop{false};

  std::shared_ptr<const output::MetricsSnapshot> snapshot() const {
    std::lock_guard lock(mu);
    return latest;
  }

  http::response<http::string_body> answer(const http::request<http::string_body>& req) const {
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::server, "fleetsim");
    res.keep_alive(req.keep_alive());
    const auto target = req.target();
    const auto path = target.substr(0, target.find('?'));
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      res.result(http::status::method_not_allowed);
      res.set(http::field::allow, "GET, HEAD");
      res.body() = "method not allowed\n";
    } else if (path == "/metrics") {
      const auto format = output::negotiate_format(
          std::string_view(req[http::field::accept].data(), req[http::field::accept].size()));
      std::ostringstream text;
      output::write_exposition(text, *snapshot(), format);
      res.set(http::field::content_type, std::string(output::content_type(format)));
      res.body() = text.str();
    } else if (path == "/") {
      res.set(http::field::content_type, "text/plain; charset=utf-8");
      res.body() = "fleetsim: metrics of the running simulation at /metrics\n";
    } else {
      res.result(http::status::not_found);
      res.set(http::field::content_type, "text/plain; charset=utf-8");
      res.body() = "not found\n";
    }
    res.prepare_payload();
    if (req.method() == http::verb::head) res.body().clear();
    return res;
  }

  // One connection: read a request, answer, repeat while keep-alive.
  struct Session : std::enable_shared_from_this<Session> {
    Impl& server;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    http::request<http::string_body> req;
    http::response<http::string_body> res;
    Session(Impl& s, tcp::socket socket) : server(s), stream(std::move(socket)) {}

    void read() {
      req = {};
      stream.expires_after(std::chrono::seconds(60));
      http::async_read(
          stream, buffer, req, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->close();
            self->res = self->server.answer(self->req);
            http::async_write(self->stream, self->res, [self](beast::error_code wec, std::size_t) {
              if (wec || !self->res.keep_alive()) return self->close();
              self->read();
            });
          });
    }
    void close() {
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  };

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(*this, std::move(socket))->read();
      accept();
    });
  }

  void wait_signal() {
    signals.async_wait([this](beast::error_code ec, int) {
      if (ec) return;
      {
        std::lock_guard lock(mu);
        stop = true;
      }
      stopped_cv.notify_all();
    });
  }
};

MetricsServer::MetricsServer(const std::string& address) : impl_(std::make_unique<Impl>()) {
  const auto ep = parse_address(address);
  beast::error_code ec;
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("--serve: cannot listen on " + address + ": " + ec.message());
  const auto local = a.local_endpoint();
  const auto host = local.address().to_string();
  impl_->bound =
      (local.address().is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(local.port());
  impl_->accept();
  impl_->wait_signal();
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

MetricsServer::~MetricsServer() {
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string MetricsServer::endpoint() const {
  return impl_->bound;
}

void MetricsServer::publish(output::MetricsSnapshot s) {
  auto p = std::make_shared<const output::MetricsSnapshot>(std::move(s));
  std::lock_guard lock(impl_->mu);
  impl_->latest = std::move(p);
}

bool MetricsServer::stop_requested() const {
  return impl_->stop;
}

void MetricsServer::wait_for_stop() {
  std::unique_lock lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stop.load(); });
}

}  // namespace fleetsim::cli
