#include "spoke/Discovery.hpp"

#include "spoke/ObjectRules.hpp"
#include "spoke/Status.hpp"

namespace fleetsim::spoke {

namespace {

Json version() {
  return Json{{"major", "1"},
              {"minor", "32"},
              {"gitVersion", "v1.32.0-fleetsim"},
              {"gitCommit", "0000000000000000000000000000000000000000"},
              {"gitTreeState", "clean"},
              {"buildDate", "2024-12-11T00:00:00Z"},
              {"goVersion", "go1.23.3"},
              {"compiler", "gc"},
              {"platform", "linux/amd64"}};
}

Json resource(const ResourceKind& k) {
  return Json{
      {"name", k.resource},
      {"singularName", k.singular},
      {"namespaced", k.namespaced},
      {"kind", k.kind},
      {"verbs", Json::array({"create", "delete", "get", "list", "patch", "update", "watch"})},
      {"shortNames", Json::array({k.short_name})}};
}

Json api_v1() {
  return Json{{"kind", "APIResourceList"},
              {"groupVersion", "v1"},
              {"resources", Json::array({resource(kConfigMaps), resource(kNamespaces)})}};
}

// A minimal OpenAPI v3 document of core/v1: the PATCH operations with their query
// parameters (kubectl reads fieldValidation there to validate on the server) and object
// schemas carrying x-kubernetes-group-version-kind.
Json openapi_v3_core() {
  const auto string_param = [](const char* name) {
    return Json{{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}}}};
  };
  const auto gvk = [](const char* kind) {
    return Json{{"group", ""}, {"version", "v1"}, {"kind", kind}};
  };
  Json paths = Json::object(), schemas = Json::object();
  for (const ResourceKind* k : {&kConfigMaps, &kNamespaces}) {
    const std::string item =
        k->namespaced ? std::string("/api/v1/namespaces/{namespace}/") + k->resource + "/{name}"
                      : std::string("/api/v1/") + k->resource + "/{name}";
    Json params = Json::array();
    for (const char* p : {"dryRun", "fieldManager", "fieldValidation"})
      params.push_back(string_param(p));
    params.push_back(Json{{"name", "force"}, {"in", "query"}, {"schema", {{"type", "boolean"}}}});
    Json patch{{"operationId", std::string("patchCoreV1") + k->kind},
               {"parameters", params},
               {"responses", {{"200", {{"description", "OK"}}}}},
               {"x-kubernetes-action", "patch"},
               {"x-kubernetes-group-version-kind", gvk(k->kind)}};
    paths[item] = Json{{"patch", patch}};
    Json props{{"apiVersion", {{"type", "string"}}},
               {"kind", {{"type", "string"}}},
               {"metadata", {{"type", "object"}}}};
    if (k->namespaced) {
      props["data"] = {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}};
      props["binaryData"] = {{"type", "object"},
                             {"additionalProperties", {{"type", "string"}, {"format", "byte"}}}};
      props["immutable"] = {{"type", "boolean"}};
    } else {
      props["spec"] = {{"type", "object"}};
      props["status"] = {{"type", "object"}};
    }
    schemas[std::string("io.k8s.api.core.v1.") + k->kind] =
        Json{{"type", "object"},
             {"properties", props},
             {"x-kubernetes-group-version-kind", Json::array({gvk(k->kind)})}};
  }
  return Json{{"openapi", "3.0.0"},
              {"info", {{"title", "Kubernetes (fleetsim spoke)"}, {"version", "v1.32.0"}}},
              {"paths", paths},
              {"components", {{"schemas", schemas}}}};
}

SpokeResponse text(const std::string& body) {
  SpokeResponse r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = body;
  return r;
}

}  // namespace

std::optional<SpokeResponse> Discovery::answer(const std::vector<std::string>& s,
                                               const std::string& server_address) {
  const auto n = s.size();
  if (n == 1 && s[0] == "version") return Status::json(200, version());
  if (n == 1 && s[0] == "api")
    return Status::json(200, Json{{"kind", "APIVersions"},
                                  {"versions", Json::array({"v1"})},
                                  {"serverAddressByClientCIDRs",
                                   Json::array({Json{{"clientCIDR", "0.0.0.0/0"},
                                                     {"serverAddress", server_address}}})}});
  if (n == 2 && s[0] == "api" && s[1] == "v1") return Status::json(200, api_v1());
  if (n == 1 && s[0] == "apis")
    return Status::json(
        200, Json{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", Json::array()}});
  if (n == 2 && s[0] == "openapi" && s[1] == "v3")
    return Status::json(
        200, Json{{"paths",
                   {{"api/v1", {{"serverRelativeURL", "/openapi/v3/api/v1?hash=fleetsim-1"}}}}}});
  if (n == 4 && s[0] == "openapi" && s[1] == "v3" && s[2] == "api" && s[3] == "v1")
    return Status::json(200, openapi_v3_core());
  if (n == 1 && (s[0] == "healthz" || s[0] == "livez" || s[0] == "readyz")) return text("ok");
  return std::nullopt;
}

}  // namespace fleetsim::spoke
