// ObjectRules: decoding and validation of a Namespace or ConfigMap sent by a client.
//
// Models: kube-apiserver's decoding (400 BadRequest: "<Kind> in version "v1" cannot be
// handled as a <Kind>: ...", for a wrong kind/apiVersion or a wrongly typed field) and
// validation (422 Invalid with one cause) of apimachinery/pkg/util/validation:
//   metadata.name required; ConfigMap names are DNS-1123 subdomains (<= 253 characters of
//   [a-z0-9.-], alphanumeric at both ends, dot-separated labels), Namespace names DNS-1123
//   labels (<= 63 characters of [a-z0-9-], alphanumeric at both ends);
//   label keys are qualified names ([prefix/]name, name <= 63 of [A-Za-z0-9_.-] alphanumeric
//   at both ends, prefix a DNS-1123 subdomain) and values <= 63 such characters (or empty);
//   annotation keys are qualified names, annotations total <= 256 KiB;
//   ConfigMap keys (data and binaryData) are <= 253 characters of [-._a-zA-Z0-9], not "." or
//   "..", unique across both maps; the data is at most 1 MiB in total.
// Unknown fields (outside the kind's schema) follow fieldValidation: Ignore, Warn, Strict.
// Invariants: decode(), unknown_fields() and validate() never throw; they return nothing
// when the object is acceptable.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spoke/SpokeRequest.hpp"

namespace fleetsim::spoke {

using Json = nlohmann::ordered_json;

struct ResourceKind {
  const char* resource;   // "configmaps"
  const char* kind;       // "ConfigMap"
  const char* list_kind;  // "ConfigMapList"
  const char* singular;   // "configmap"
  const char* short_name;
  bool namespaced;
};

inline constexpr ResourceKind kNamespaces{"namespaces", "Namespace", "NamespaceList",
                                          "namespace",  "ns",        false};
inline constexpr ResourceKind kConfigMaps{"configmaps", "ConfigMap", "ConfigMapList",
                                          "configmap",  "cm",        true};

struct ObjectRules {
  // 400 when the value cannot be decoded as a v1 `kind` (not an object, wrong kind or
  // apiVersion when given, wrongly typed fields). `require_type_meta`: kind and apiVersion
  // must be present (apply requests).
  static std::optional<SpokeResponse> decode(const ResourceKind& kind, const Json& object,
                                             bool require_type_meta);
  // Fields outside the kind's schema: dropped (fieldValidation Ignore), dropped with a
  // warning text added to `warnings` (Warn, the default), or a 400 (Strict).
  static std::optional<SpokeResponse> unknown_fields(const ResourceKind& kind, Json& object,
                                                     const std::string& validation,
                                                     std::vector<std::string>& warnings);
  // 422 when a decoded object breaks a validation rule.
  static std::optional<SpokeResponse> validate(const ResourceKind& kind, const Json& object);

  static bool dns1123_label(const std::string& s);
  static bool dns1123_subdomain(const std::string& s);
  static bool qualified_name(const std::string& s);
  static bool label_value(const std::string& s);
  static bool config_map_key(const std::string& s);
};

}  // namespace fleetsim::spoke
