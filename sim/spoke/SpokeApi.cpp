#include "spoke/SpokeApi.hpp"

#include <stdexcept>

#include "spoke/Discovery.hpp"
#include "spoke/LabelSelector.hpp"
#include "spoke/Status.hpp"

namespace fleetsim::spoke {

namespace {

constexpr std::size_t kMaxBody = 3 * 1024 * 1024;  // kube-apiserver's request body limit

// fieldSelector on metadata.name / metadata.namespace (=, ==, !=), as kube-apiserver
// supports for every resource.
struct FieldSelector {
  struct Term {
    std::string field, value;
    bool equal = true;
  };
  std::vector<Term> terms;

  static FieldSelector parse(const std::string& text) {
    FieldSelector s;
    std::size_t start = 0;
    while (start < text.size()) {
      auto comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      const std::string t = text.substr(start, comma - start);
      start = comma + 1;
      if (t.empty()) continue;
      Term term;
      if (const auto ne = t.find("!="); ne != std::string::npos) {
        term = {t.substr(0, ne), t.substr(ne + 2), false};
      } else if (const auto eq = t.find('='); eq != std::string::npos) {
        const std::size_t skip = t.compare(eq, 2, "==") == 0 ? 2 : 1;
        term = {t.substr(0, eq), t.substr(eq + skip), true};
      } else {
        throw std::invalid_argument("invalid selector: '" + text + "'; can't understand '" + t +
                                    "'");
      }
      if (term.field != "metadata.name" && term.field != "metadata.namespace")
        throw std::invalid_argument("\"" + term.field +
                                    "\" is not a known field selector: only \"metadata.name\", "
                                    "\"metadata.namespace\"");
      s.terms.push_back(term);
    }
    return s;
  }

  bool matches(const Json& meta) const {
    for (const auto& t : terms) {
      const std::string key = t.field == "metadata.name" ? "name" : "namespace";
      const std::string v = meta.contains(key) ? meta[key].get<std::string>() : "";
      if ((v == t.value) != t.equal) return false;
    }
    return true;
  }
};

std::map<std::string, std::string> labels_of(const Json& o) {
  std::map<std::string, std::string> out;
  const Json& m = o["metadata"];
  if (m.contains("labels") && m["labels"].is_object())
    for (auto it = m["labels"].begin(); it != m["labels"].end(); ++it)
      out[it.key()] = it.value().get<std::string>();
  return out;
}

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
  if (verb == "GET" && r.name.empty()) verb = "LIST";
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
  if (collection && m == "GET") return list(r, t);
  if (collection && m == "POST" && !r.all_namespaces) return create(r, t, req);
  if (!collection && m == "GET") return get(r);
  if (!collection && m == "PUT") return update(r, t, req);
  if (!collection && m == "PATCH") return patch(r, t, req);
  if (!collection && m == "DELETE") return remove(r, t, req);
  return Status::method_not_allowed();
}

Json SpokeApi::render(const StoredObject& o) {
  Json out = o.object;
  if (!o.managed.entries().empty()) out["metadata"]["managedFields"] = o.managed.render();
  return out;
}

std::optional<SpokeResponse> SpokeApi::namespace_missing(const Route& r) const {
  if (!r.kind->namespaced || r.ns.empty() || store_.find("namespaces", "", r.ns))
    return std::nullopt;
  return Status::not_found("namespaces", r.ns);
}

SpokeResponse SpokeApi::get(const Route& r) const {
  const StoredObject* o = store_.find(r.kind->resource, r.ns, r.name);
  if (!o) return Status::not_found(r.kind->resource, r.name);
  return Status::json(200, render(*o));
}

SpokeResponse SpokeApi::list(const Route& r, const RequestTarget& t) const {
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
  Json items = Json::array();
  for (const StoredObject* o : store_.list(r.kind->resource, r.ns)) {
    if (!labels.matches(labels_of(o->object)) || !fields.matches(o->object["metadata"])) continue;
    Json item = render(*o);
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

std::string SpokeApi::manager_of(const RequestTarget& t, const SpokeRequest& req) {
  if (const std::string m = t.param("fieldManager"); !m.empty()) return m;
  // kube-apiserver's default: the User-Agent up to its first '/'.
  std::string ua(req.header("user-agent"));
  ua = ua.substr(0, ua.find('/'));
  return ua.substr(0, 128);
}

}  // namespace fleetsim::spoke
