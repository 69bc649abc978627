// SpokeApi: the writes (create, update, patch, apply, delete). Reads and routing are in
// SpokeApi.cpp.
#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "spoke/PatchRules.hpp"
#include "spoke/ProtobufBody.hpp"
#include "spoke/SpokeApi.hpp"
#include "spoke/Status.hpp"

namespace fleetsim::spoke {

namespace {

const char* const kPatchTypes =
    "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
    "application/strategic-merge-patch+json";

std::string media_type(std::string_view content_type) {
  std::string s(content_type.substr(0, content_type.find(';')));
  s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }),
          s.end());
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The body as JSON, or the 400 answer.
std::optional<SpokeResponse> parse_body(const std::string& body, Json& out, const char* what) {
  try {
    out = Json::parse(body);
    return std::nullopt;
  } catch (const Json::exception& e) {
    return Status::bad_request(std::string(what) + ": " + e.what());
  }
}

// A create or update body (JSON or protobuf) as JSON, or the 400/415 answer.
std::optional<SpokeResponse> object_body(const SpokeRequest& req, Json& out) {
  const std::string type = media_type(req.header("content-type"));
  if (type == "application/json")
    return parse_body(req.body, out, "error decoding the request body");
  if (type == ProtobufBody::kMediaType) {
    std::string error;
    if (auto o = ProtobufBody::decode(req.body, error)) {
      out = std::move(*o);
      return std::nullopt;
    }
    return Status::bad_request(error);
  }
  return Status::unsupported_media_type(std::string("application/json, ") +
                                        ProtobufBody::kMediaType);
}

std::string meta_string(const Json& o, const char* key) {
  if (!o.is_object() || !o.contains("metadata") || !o["metadata"].is_object()) return "";
  const Json& m = o["metadata"];
  return m.contains(key) && m[key].is_string() ? m[key].get<std::string>() : "";
}

std::optional<SpokeResponse> field_validation(const RequestTarget& t, std::string& out) {
  out = t.param("fieldValidation", "Warn");
  if (out == "Strict" || out == "Warn" || out == "Ignore") return std::nullopt;
  return Status::bad_request("fieldValidation parameter unsupported: " + out +
                             " (want Ignore, Warn or Strict)");
}

std::optional<SpokeResponse> dry_run(const RequestTarget& t, bool& out) {
  out = false;
  if (!t.has("dryRun")) return std::nullopt;
  const std::string v = t.param("dryRun");
  if (v != "All") return Status::bad_request("Invalid dryRun value \"" + v + "\" (want All)");
  out = true;
  return std::nullopt;
}

// Name and namespace of the body against the URL.
std::optional<SpokeResponse> identity(const ResourceKind& k, Json& o, const std::string& ns,
                                      const std::string& name) {
  Json& meta = o["metadata"];
  if (!meta.is_object()) meta = Json::object();
  if (k.namespaced) {
    const std::string body_ns = meta_string(o, "namespace");
    if (!body_ns.empty() && body_ns != ns)
      return Status::bad_request(
          "the namespace of the provided object does not match the namespace sent on the "
          "request");
    meta["namespace"] = ns;
  } else {
    meta.erase("namespace");
  }
  if (!name.empty() && meta_string(o, "name") != name)
    return Status::bad_request("the name of the object (" + meta_string(o, "name") +
                               ") does not match the name on the URL (" + name + ")");
  return std::nullopt;
}

void add_warnings(SpokeResponse& r, const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) r.headers.emplace_back("Warning", "299 - " + Json(w).dump());
}

nlohmann::json unordered(const Json& o) {
  return nlohmann::json::parse(o.dump());
}

}  // namespace

void SpokeApi::server_fields(const ResourceKind& k, Json& o, const Json* before) const {
  Json& meta = o["metadata"];
  for (const char* f : {"uid", "resourceVersion", "creationTimestamp", "managedFields",
                        "deletionTimestamp", "selfLink", "generation"})
    meta.erase(f);
  if (before) {
    meta["uid"] = (*before)["metadata"]["uid"];
    meta["creationTimestamp"] = (*before)["metadata"]["creationTimestamp"];
  }
  if (k.namespaced) return;
  // Namespace strategy: the name label, spec and status owned by the server.
  meta["labels"]["kubernetes.io/metadata.name"] = meta["name"];
  if (before) {
    o["spec"] = before->contains("spec") ? (*before)["spec"] : Json::object();
    o["status"] = (*before)["status"];
  } else {
    if (!o.contains("spec") || !o["spec"].is_object() || !o["spec"].contains("finalizers"))
      o["spec"]["finalizers"] = Json::array({"kubernetes"});
    o["status"] = Json{{"phase", "Active"}};
  }
}

SpokeResponse SpokeApi::write_create(const Route& r, Json object, ManagedFields managed,
                                     bool dry_run) {
  if (store_.find(r.kind->resource, r.ns, r.name))
    return Status::already_exists(r.kind->resource, r.name);
  if (dry_run) {
    object["metadata"]["uid"] = store_.new_uid();
    object["metadata"]["creationTimestamp"] = store_.now_rfc3339();
    return Status::json(201, StoredObject{object, managed}.rendered());
  }
  return Status::json(
      201, store_.create(r.kind->resource, r.ns, r.name, std::move(object), managed).rendered());
}

SpokeResponse SpokeApi::write_update(const Route& r, const StoredObject& before, Json after,
                                     ManagedFields managed, bool dry_run) {
  server_fields(*r.kind, after, &before.object);
  if (auto e = ObjectRules::validate(*r.kind, after)) return *e;
  Json old = before.object;
  old["metadata"].erase("resourceVersion");
  if (unordered(old) == unordered(after) && managed == before.managed)
    return Status::json(200, before.rendered());
  if (dry_run) {
    after["metadata"]["resourceVersion"] = before.object["metadata"]["resourceVersion"];
    return Status::json(200, StoredObject{after, managed}.rendered());
  }
  return Status::json(
      200, store_.replace(r.kind->resource, r.ns, r.name, std::move(after), managed).rendered());
}

SpokeResponse SpokeApi::create(const Route& r, const RequestTarget& t, const SpokeRequest& req) {
  Json o;
  std::string validation;
  std::vector<std::string> warnings;
  bool dry = false;
  if (auto e = field_validation(t, validation)) return *e;
  if (auto e = dry_run(t, dry)) return *e;
  if (auto e = object_body(req, o)) return *e;
  if (auto e = ObjectRules::decode(*r.kind, o, false)) return *e;
  if (auto e = ObjectRules::unknown_fields(*r.kind, o, validation, warnings)) return *e;
  if (auto e = identity(*r.kind, o, r.ns, "")) return *e;
  if (meta_string(o, "name").empty() && !meta_string(o, "generateName").empty())
    o["metadata"]["name"] = meta_string(o, "generateName") + store_.random_suffix();
  if (auto e = namespace_missing(r)) return *e;
  server_fields(*r.kind, o, nullptr);
  if (auto e = ObjectRules::validate(*r.kind, o)) return *e;
  ManagedFields mf;
  mf.record_update(nullptr, o, manager_of(t, req), store_.now_rfc3339());
  const Route named{r.kind, r.ns, meta_string(o, "name"), false};
  auto res = write_create(named, std::move(o), std::move(mf), dry);
  add_warnings(res, warnings);
  return res;
}

// The end of an update or a non-apply patch: `o` is the whole new object. Checks its identity
// and optimistic concurrency (a resourceVersion it carries must be the stored one), records
// the manager's fields and writes.
SpokeResponse SpokeApi::replace(const Route& r, const RequestTarget& t, const SpokeRequest& req,
                                const StoredObject& before, Json o, bool dry,
                                const std::vector<std::string>& warnings) {
  if (auto e = identity(*r.kind, o, r.ns, r.name)) return *e;
  const std::string rv = meta_string(o, "resourceVersion");
  if (!rv.empty() && rv != meta_string(before.object, "resourceVersion"))
    return Status::conflict(r.kind->resource, r.name,
                            "the object has been modified; please apply your changes to the "
                            "latest version and try again");
  ManagedFields mf = before.managed;
  mf.record_update(before.object, o, manager_of(t, req), store_.now_rfc3339());
  auto res = write_update(r, before, std::move(o), std::move(mf), dry);
  add_warnings(res, warnings);
  return res;
}

SpokeResponse SpokeApi::update(const Route& r, const RequestTarget& t, const SpokeRequest& req) {
  Json o;
  std::string validation;
  std::vector<std::string> warnings;
  bool dry = false;
  if (auto e = field_validation(t, validation)) return *e;
  if (auto e = dry_run(t, dry)) return *e;
  if (auto e = object_body(req, o)) return *e;
  if (auto e = ObjectRules::decode(*r.kind, o, false)) return *e;
  if (auto e = ObjectRules::unknown_fields(*r.kind, o, validation, warnings)) return *e;
  const StoredObject* before = store_.find(r.kind->resource, r.ns, r.name);
  if (!before) return Status::not_found(r.kind->resource, r.name);
  return replace(r, t, req, *before, std::move(o), dry, warnings);
}

SpokeResponse SpokeApi::patch(const Route& r, const RequestTarget& t, const SpokeRequest& req) {
  const std::string type = media_type(req.header("content-type"));
  const bool is_apply = type == "application/apply-patch+yaml";
  if (!is_apply && type != "application/merge-patch+json" &&
      type != "application/strategic-merge-patch+json" && type != "application/json-patch+json")
    return Status::unsupported_media_type(kPatchTypes);
  if (is_apply && t.param("fieldManager").empty())
    return Status::invalid("PatchOptions.meta.k8s.io", "", "fieldManager", "FieldValueRequired",
                           "Required value: is required for apply patch");
  if (!is_apply && t.has("force"))
    return Status::invalid("PatchOptions.meta.k8s.io", "", "force", "FieldValueForbidden",
                           "Forbidden: may not be specified for non-apply patch");
  if (t.has("force") && t.param("force") != "true" && t.param("force") != "false")
    return Status::bad_request("invalid value for force: \"" + t.param("force") + "\"");
  bool dry = false;
  if (auto e = dry_run(t, dry)) return *e;
  Json body;
  if (auto e = parse_body(req.body, body,
                          is_apply ? "error decoding the apply body (the spoke reads JSON, which "
                                     "is YAML)"
                                   : "error decoding patch"))
    return *e;
  if (is_apply) return apply(r, t, body, dry);
  const StoredObject* before = store_.find(r.kind->resource, r.ns, r.name);
  if (!before) return Status::not_found(r.kind->resource, r.name);
  Json o;
  try {
    if (type == "application/json-patch+json") {
      if (!body.is_array()) return Status::bad_request("a JSON patch must be an array");
      o = PatchRules::json_patch(before->object, body);
    } else if (type == "application/merge-patch+json") {
      o = PatchRules::merge(before->object, body);
    } else {
      o = PatchRules::strategic(before->object, body);
    }
  } catch (const std::invalid_argument& e) {
    if (type == "application/json-patch+json") return Status::failure(422, "Invalid", e.what());
    return Status::bad_request(e.what());
  }
  std::string validation;
  std::vector<std::string> warnings;
  if (auto e = field_validation(t, validation)) return *e;
  if (auto e = ObjectRules::decode(*r.kind, o, false)) return *e;
  if (auto e = ObjectRules::unknown_fields(*r.kind, o, validation, warnings)) return *e;
  return replace(r, t, req, *before, std::move(o), dry, warnings);
}

SpokeResponse SpokeApi::apply(const Route& r, const RequestTarget& t, const Json& applied,
                              bool dry) {
  Json body = applied;
  std::string validation;
  std::vector<std::string> warnings;
  if (auto e = field_validation(t, validation)) return *e;
  if (auto e = ObjectRules::decode(*r.kind, body, true)) return *e;
  if (auto e = ObjectRules::unknown_fields(*r.kind, body, validation, warnings)) return *e;
  if (auto e = identity(*r.kind, body, r.ns, r.name)) return *e;
  if (auto e = namespace_missing(r)) return *e;
  const std::string manager = t.param("fieldManager");
  const std::string rv = meta_string(body, "resourceVersion");
  const StoredObject* before = store_.find(r.kind->resource, r.ns, r.name);
  if (!rv.empty() && (!before || rv != meta_string(before->object, "resourceVersion")))
    return Status::conflict(r.kind->resource, r.name,
                            "the object has been modified; please apply your changes to the "
                            "latest version and try again");
  for (const char* f : {"resourceVersion", "uid", "creationTimestamp", "managedFields"})
    body["metadata"].erase(f);
  SpokeResponse res;
  if (!before) {
    Json base{{"apiVersion", "v1"}, {"kind", r.kind->kind}, {"metadata", body["metadata"]}};
    ManagedFields mf;
    Json o = mf.apply(base, body, manager, store_.now_rfc3339());
    server_fields(*r.kind, o, nullptr);
    if (auto e = ObjectRules::validate(*r.kind, o)) return *e;
    res = write_create(r, std::move(o), std::move(mf), dry);
  } else {
    const auto conflicts = before->managed.conflicts(before->object, body, manager);
    if (!conflicts.empty() && t.param("force") != "true")
      return Status::apply_conflict(r.kind->resource, r.name, conflicts);
    ManagedFields mf = before->managed;
    Json o = mf.apply(before->object, body, manager, store_.now_rfc3339());
    res = write_update(r, *before, std::move(o), std::move(mf), dry);
  }
  add_warnings(res, warnings);
  return res;
}

SpokeResponse SpokeApi::remove(const Route& r, const RequestTarget& t, const SpokeRequest& req) {
  bool dry = false;
  if (auto e = dry_run(t, dry)) return *e;
  const StoredObject* before = store_.find(r.kind->resource, r.ns, r.name);
  if (!before) return Status::not_found(r.kind->resource, r.name);
  if (!req.body.empty()) {
    Json opts;
    if (auto e = parse_body(req.body, opts, "error decoding DeleteOptions")) return *e;
    const Json pre =
        opts.is_object() && opts.contains("preconditions") ? opts["preconditions"] : Json::object();
    for (const auto& [key, label] :
         {std::pair{"uid", "UID"}, {"resourceVersion", "ResourceVersion"}})
      if (pre.is_object() && pre.contains(key) && pre[key].is_string() &&
          pre[key].get<std::string>() != meta_string(before->object, key))
        return Status::conflict(r.kind->resource, r.name,
                                std::string("Precondition failed: ") + label +
                                    " in precondition: " + pre[key].get<std::string>() + ", " +
                                    label + " in object meta: " + meta_string(before->object, key));
  }
  if (r.kind == &kNamespaces &&
      (r.name == "default" || r.name == "kube-system" || r.name == "kube-public"))
    return Status::failure(
        403, "Forbidden",
        "namespaces \"" + r.name + "\" is forbidden: this namespace may not be deleted",
        Json{{"name", r.name}, {"kind", "namespaces"}});
  const std::string uid = meta_string(before->object, "uid");
  if (r.kind == &kNamespaces) {
    // Terminating (a MODIFIED event, as the real deletionTimestamp update), then gone at
    // once: the spoke runs no namespace finalization.
    Json terminating = before->object;
    terminating["metadata"]["deletionTimestamp"] = store_.now_rfc3339();
    terminating["status"]["phase"] = "Terminating";
    if (dry) return Status::json(200, StoredObject{terminating, before->managed}.rendered());
    Json out =
        store_.replace(r.kind->resource, r.ns, r.name, std::move(terminating), before->managed)
            .rendered();
    store_.erase(r.kind->resource, r.ns, r.name);
    return Status::json(200, out);
  }
  if (!dry) store_.erase(r.kind->resource, r.ns, r.name);
  return Status::success(r.kind->resource, r.name, uid);
}

}  // namespace fleetsim::spoke
