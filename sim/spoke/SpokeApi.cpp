#include "spoke/SpokeApi.hpp"

#include <stdexcept>

#include "spoke/Discovery.hpp"
#include "spoke/FieldSelector.hpp"
#include "spoke/LabelSelector.hpp"
#include "spoke/Status.hpp"
#include "spoke/TableView.hpp"

namespace fleetsim::spoke {

namespace {

constexpr std::size_t kMaxBody = 3 * 1024 * 1024;  // kube-apiserver's request body limit

}  // namespace

SpokeApi::SpokeApi(SpokeApiConfig config, SpokeStore::Clock clock, engine::RandomStream rng)
    : config_(std::move(config)), store_(std::move(clock), std::move(rng)) {
  // The namespaces every cluster starts with, created by kube-apiserver itself.
  for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system"}) {
    Json o{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}};
    server_fields(kNamespaces, o, nullptr);
    ManagedFields mf;
    mf.record_update(nullptr, o, "kube-apiserver", store_.now_rfc3339());
    store_.create("namespaces", "", ns, std::move(o), std::move(mf));
  }
}

SpokeResponse SpokeApi::handle(const SpokeRequest& req) noexcept {
  try {
    if (!authenticated(req)) return Status::failure(401, "Unauthorized", "Unauthorized");
    return dispatch(req);
  } catch (const std::exception& e) {
    return Status::failure(500, "InternalError",
                           std::string("Internal error occurred: ") + e.what());
  } catch (...) {
    return Status::failure(500, "InternalError", "Internal error occurred");
  }
}

bool SpokeApi::authenticated(const SpokeRequest& req) const {
  if (config_.token.empty() && !config_.client_certificates) return true;
  if (config_.client_certificates && req.client_certificate_verified) return true;
  if (config_.token.empty()) return false;
  const std::string_view auth = req.header("authorization");
  const std::string_view scheme = "Bearer ";
  return auth.size() > scheme.size() && auth.substr(0, scheme.size()) == scheme &&
         auth.substr(scheme.size()) == config_.token;
}

bool SpokeApi::route(const RequestTarget& t, Route& r) {
  const auto& s = t.segments;
  if (s.size() < 3 || s[0] != "api" || s[1] != "v1") return false;
  if (s.size() == 3 && s[2] == "configmaps") {
    r = Route{&kConfigMaps, "", "", true};
    return true;
  }
  if (s[2] != "namespaces") return false;
  if (s.size() <= 4) {
    r = Route{&kNamespaces, "", s.size() == 4 ? s[3] : "", false};
    return true;
  }
  if (s[4] != "configmaps" || s.size() > 6) return false;
  r = Route{&kConfigMaps, s[3], s.size() == 6 ? s[5] : "", false};
  return true;
}

RequestInfo SpokeApi::classify(const SpokeRequest& req) {
  const RequestTarget t = RequestTarget::parse(req.target);
  Route r;
  if (!t.valid || !route(t, r)) return RequestInfo{req.method, "", "", ""};
  std::string verb = req.method;
  const std::string w = t.param("watch");
  if (verb == "GET" && r.name.empty()) verb = w == "true" || w == "1" ? "WATCH" : "LIST";
  return RequestInfo{verb, r.kind->resource, r.ns, r.name};
}

SpokeResponse SpokeApi::dispatch(const SpokeRequest& req) {
  if (req.body.size() > kMaxBody)
    return Status::failure(413, "RequestEntityTooLarge",
                           "Request entity too large: limit is 3145728");
  const RequestTarget t = RequestTarget::parse(req.target);
  if (!t.valid) return Status::bad_request("malformed request target");
  Route r;
  if (!route(t, r)) {
    if (req.method != "GET" && req.method != "HEAD") {
      if (Discovery::answer(t.segments, config_.server_address))
        return Status::method_not_allowed();
      return Status::path_not_found();
    }
    if (auto d = Discovery::answer(t.segments, config_.server_address)) return *d;
    return Status::path_not_found();
  }
  const bool collection = r.name.empty();
  const std::string& m = req.method;
  if (collection && m == "GET" && (t.param("watch") == "true" || t.param("watch") == "1")) {
    std::optional<SpokeResponse> error;
    const auto spec = watch_spec(req, error);
    if (!spec) return *error;
    std::string body;
    for (const auto& e : initial_events(*spec)) body += frame(e, *spec);
    SpokeResponse res;
    res.body = std::move(body);
    return res;
  }
  if (collection && m == "GET") return list(r, t, req);
  if (collection && m == "POST" && !r.all_namespaces) return create(r, t, req);
  if (!collection && m == "GET") return get(r, req);
  if (!collection && m == "PUT") return update(r, t, req);
  if (!collection && m == "PATCH") return patch(r, t, req);
  if (!collection && m == "DELETE") return remove(r, t, req);
  return Status::method_not_allowed();
}

std::optional<SpokeResponse> SpokeApi::namespace_missing(const Route& r) const {
  if (!r.kind->namespaced || r.ns.empty() || store_.find("namespaces", "", r.ns))
    return std::nullopt;
  return Status::not_found("namespaces", r.ns);
}

SpokeResponse SpokeApi::get(const Route& r, const SpokeRequest& req) const {
  const StoredObject* o = store_.find(r.kind->resource, r.ns, r.name);
  if (!o) return Status::not_found(r.kind->resource, r.name);
  if (TableView::wanted(req.header("accept")))
    return Status::json(200,
                        TableView::table(*r.kind, {o}, store_.resource_version(), store_.now()));
  return Status::json(200, o->rendered());
}

SpokeResponse SpokeApi::list(const Route& r, const RequestTarget& t,
                             const SpokeRequest& req) const {
  LabelSelector labels;
  FieldSelector fields;
  try {
    labels = LabelSelector::parse(t.param("labelSelector"));
  } catch (const std::invalid_argument& e) {
    return Status::bad_request(std::string("unable to parse requirement: ") + e.what());
  }
  try {
    fields = FieldSelector::parse(t.param("fieldSelector"));
  } catch (const std::invalid_argument& e) {
    return Status::bad_request(e.what());
  }
  std::vector<const StoredObject*> selected;
  for (const StoredObject* o : store_.list(r.kind->resource, r.ns))
    if (labels.matches(LabelSelector::labels_of(o->object)) &&
        fields.matches(o->object["metadata"]))
      selected.push_back(o);
  if (TableView::wanted(req.header("accept")))
    return Status::json(
        200, TableView::table(*r.kind, selected, store_.resource_version(), store_.now()));
  Json items = Json::array();
  for (const StoredObject* o : selected) {
    Json item = o->rendered();
    item.erase("kind");
    item.erase("apiVersion");
    items.push_back(std::move(item));
  }
  return Status::json(
      200, Json{{"kind", r.kind->list_kind},
                {"apiVersion", "v1"},
                {"metadata", {{"resourceVersion", std::to_string(store_.resource_version())}}},
                {"items", std::move(items)}});
}

bool WatchSpec::matches(const WatchEvent& e) const {
  if (e.resource != kind->resource || (!ns.empty() && e.ns != ns)) return false;
  return labels.matches(LabelSelector::labels_of(e.object)) && fields.matches(e.object["metadata"]);
}

std::optional<WatchSpec> SpokeApi::watch_spec(const SpokeRequest& req,
                                              std::optional<SpokeResponse>& error) const {
  error.reset();
  if (req.method != "GET") return std::nullopt;
  const RequestTarget t = RequestTarget::parse(req.target);
  Route r;
  const std::string w = t.param("watch");
  if (!t.valid || !route(t, r) || !r.name.empty() || (w != "true" && w != "1")) return std::nullopt;
  WatchSpec s;
  s.kind = r.kind;
  s.ns = r.ns;
  s.from = t.param("resourceVersion");
  s.table = TableView::wanted(req.header("accept"));
  try {
    s.labels = LabelSelector::parse(t.param("labelSelector"));
    s.fields = FieldSelector::parse(t.param("fieldSelector"));
  } catch (const std::invalid_argument& e) {
    error = Status::bad_request(e.what());
    return std::nullopt;
  }
  if (t.has("timeoutSeconds")) {
    const std::string v = t.param("timeoutSeconds");
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) {
      error = Status::bad_request("timeoutSeconds must be a whole number, got \"" + v + "\"");
      return std::nullopt;
    }
    s.timeout = std::stod(v);
  }
  if (!s.from.empty() &&
      (s.from.size() > 18 || s.from.find_first_not_of("0123456789") != std::string::npos)) {
    error = Status::bad_request("invalid resource version: " + s.from);
    return std::nullopt;
  }
  return s;
}

std::vector<WatchEvent> SpokeApi::initial_events(const WatchSpec& s) const {
  std::vector<WatchEvent> out;
  if (s.from.empty() || s.from == "0") {
    for (const StoredObject* o : store_.list(s.kind->resource, s.ns)) {
      WatchEvent e{store_.resource_version(), "ADDED", s.kind->resource,
                   o->object["metadata"].value("namespace", ""), o->rendered()};
      if (s.matches(e)) out.push_back(std::move(e));
    }
    return out;
  }
  const std::uint64_t from = std::stoull(s.from);
  if (from < store_.compacted()) {
    const auto gone = Status::failure(
        410, "Expired",
        "too old resource version: " + s.from + " (" + std::to_string(store_.compacted()) + ")");
    out.push_back(WatchEvent{0, "ERROR", s.kind->resource, "", Json::parse(gone.body)});
    return out;
  }
  for (const auto& e : store_.events())
    if (e.revision > from && s.matches(e)) out.push_back(e);
  return out;
}

std::string SpokeApi::frame(const WatchEvent& e, const WatchSpec& spec) const {
  Json object = e.object;
  if (spec.table && e.type != "ERROR") {
    const StoredObject o{e.object, {}};
    object = TableView::table(*spec.kind, {&o}, e.revision, store_.now());
  }
  return Json{{"type", e.type}, {"object", std::move(object)}}.dump(
             -1, ' ', false, Json::error_handler_t::replace) +
         "\n";
}

std::string SpokeApi::manager_of(const RequestTarget& t, const SpokeRequest& req) {
  if (const std::string m = t.param("fieldManager"); !m.empty()) return m;
  // kube-apiserver's default: the User-Agent up to its first '/'.
  std::string ua(req.header("user-agent"));
  ua = ua.substr(0, ua.find('/'));
  return ua.substr(0, 128);
}

}  // namespace fleetsim::spoke
