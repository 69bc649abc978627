#include "FakeApiServer.hpp"

namespace fleetsim::calibrate {

namespace {
using json = nlohmann::json;

HttpResponse reply(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump();
  r.content_type = "application/json";
  return r;
}

HttpResponse status(int code, const std::string& message) {
  return reply(code, {{"kind", "Status"}, {"code", code}, {"message", message}});
}

std::vector<std::string> split_path(const std::string& target) {
  std::vector<std::string> parts;
  const std::string path = target.substr(0, target.find('?'));
  std::size_t i = 1;
  while (i <= path.size()) {
    const std::size_t j = path.find('/', i);
    parts.push_back(path.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return parts;
}

class FakeConnection : public Transport::Connection {
 public:
  explicit FakeConnection(FakeApiServer& s) : s_(s) {}
  HttpResponse send(const HttpRequest& r) override { return s_.handle(r); }

 private:
  FakeApiServer& s_;
};

}  // namespace

std::unique_ptr<Transport::Connection> FakeApiServer::connect() {
  ++connections;
  return std::make_unique<FakeConnection>(*this);
}

HttpResponse FakeApiServer::handle(const HttpRequest& r) {
  std::lock_guard<std::mutex> lock(mutex);
  log.push_back(r.method + " " + r.target);
  if (fault) {
    HttpResponse f = fault(r);
    if (f.status > 0) return f;
  }
  if (r.target == "/version") return reply(200, {{"gitVersion", "v1.29.0-fake"}});
  const auto p = split_path(r.target);  // api v1 namespaces NS configmaps NAME
  if (p.size() < 3 || p[0] != "api" || p[1] != "v1" || p[2] != "namespaces")
    return status(404, "not found");
  if (p.size() == 3 && r.method == "POST") {
    const json b = json::parse(r.body);
    const std::string name = b["metadata"]["name"];
    if (namespaces.count(name)) return status(409, "namespaces \"" + name + "\" already exists");
    namespaces[name] = b["metadata"].value("labels", json::object());
    return reply(201, b);
  }
  if (p.size() < 4) return status(405, "method not allowed");
  const std::string ns = p[3];
  if (p.size() == 4) {
    if (!namespaces.count(ns)) return status(404, "namespaces \"" + ns + "\" not found");
    if (r.method == "GET")
      return reply(200, {{"metadata", {{"name", ns}, {"labels", namespaces[ns]}}}});
    if (r.method == "DELETE") {
      namespaces.erase(ns);
      configmaps.erase(ns);
      return reply(200, {{"kind", "Status"}});
    }
    return status(405, "method not allowed");
  }
  if (!namespaces.count(ns)) return status(404, "namespaces \"" + ns + "\" not found");
  auto& cms = configmaps[ns];
  if (p.size() == 5 && r.method == "POST") {
    const json b = json::parse(r.body);
    const std::string name = b["metadata"]["name"];
    if (cms.count(name)) return status(409, "already exists");
    cms.insert(name);
    return reply(201, b);
  }
  if (p.size() != 6) return status(405, "method not allowed");
  const std::string name = p[5];
  if (r.method == "PATCH" && r.content_type == "application/apply-patch+yaml") cms.insert(name);
  if (!cms.count(name)) return status(404, "configmaps \"" + name + "\" not found");
  if (r.method == "DELETE") cms.erase(name);
  return reply(200, {{"kind", "ConfigMap"}, {"metadata", {{"name", name}}}});
}

}  // namespace fleetsim::calibrate
