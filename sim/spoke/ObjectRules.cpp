#include "spoke/ObjectRules.hpp"

#include <cctype>
#include <set>

#include "spoke/Status.hpp"

namespace fleetsim::spoke {

namespace {

bool lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

const char* const kSubdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const char* const kLabelMessage =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
    "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const char* const kQualifiedMessage =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
    "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS "
    "subdomain prefix and '/' (e.g. 'example.com/MyName')";
const char* const kLabelValueMessage =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const char* const kConfigKeyMessage =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. "
    "'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
    "'[-._a-zA-Z0-9]+')";

bool name_part(const std::string& s) {
  if (s.empty() || s.size() > 63 || !alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

bool string_map(const Json& m) {
  if (m.is_null()) return true;
  if (!m.is_object()) return false;
  for (const auto& v : m) {
    if (!v.is_string()) return false;
  }
  return true;
}

std::string quoted(const std::string& s) {
  return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<SpokeResponse> check_map_keys(const ResourceKind& k, const std::string& name,
                                            const Json& m, const std::string& field, bool labels) {
  if (!m.is_object()) return std::nullopt;
  std::size_t total = 0;
  for (auto it = m.begin(); it != m.end(); ++it) {
    const std::string& key = it.key();
    total += key.size() + it.value().get<std::string>().size();
    if (!ObjectRules::qualified_name(key))
      return Status::invalid(k.kind, name, field, "FieldValueInvalid",
                             "Invalid value: " + quoted(key) + ": " + kQualifiedMessage);
    if (labels && !ObjectRules::label_value(it.value().get<std::string>()))
      return Status::invalid(
          k.kind, name, field, "FieldValueInvalid",
          "Invalid value: " + quoted(it.value().get<std::string>()) + ": " + kLabelValueMessage);
  }
  if (!labels && total > 256 * 1024)
    return Status::invalid(k.kind, name, field, "FieldValueTooLong",
                           "Too long: must have at most 262144 bytes");
  return std::nullopt;
}

std::optional<SpokeResponse> check_config_map(const std::string& name, const Json& o) {
  std::size_t total = 0;
  for (const char* field : {"data", "binaryData"}) {
    if (!o.contains(field) || !o[field].is_object()) continue;
    for (auto it = o[field].begin(); it != o[field].end(); ++it) {
      const std::string path = std::string(field) + "[" + it.key() + "]";
      if (!ObjectRules::config_map_key(it.key()))
        return Status::invalid("ConfigMap", name, path, "FieldValueInvalid",
                               "Invalid value: " + quoted(it.key()) + ": " + kConfigKeyMessage);
      if (field == std::string("binaryData") && o.contains("data") && o["data"].is_object() &&
          o["data"].contains(it.key()))
        return Status::invalid("ConfigMap", name, path, "FieldValueDuplicate",
                               "Duplicate value: " + quoted(it.key()));
      total += it.value().get<std::string>().size();
    }
  }
  if (total > 1024 * 1024)
    return Status::invalid("ConfigMap", name, "[]", "FieldValueTooLong",
                           "Too long: must have at most 1048576 bytes");
  return std::nullopt;
}

}  // namespace

bool ObjectRules::dns1123_label(const std::string& s) {
  if (s.empty() || s.size() > 63 || !lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '-') return false;
  return true;
}

bool ObjectRules::dns1123_subdomain(const std::string& s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const auto dot = s.find('.', start);
    const std::string part = s.substr(start, dot == std::string::npos ? dot : dot - start);
    if (part.empty() || !lower_alnum(part.front()) || !lower_alnum(part.back())) return false;
    for (char c : part)
      if (!lower_alnum(c) && c != '-') return false;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

bool ObjectRules::qualified_name(const std::string& s) {
  const auto slash = s.find('/');
  if (slash == std::string::npos) return name_part(s);
  return dns1123_subdomain(s.substr(0, slash)) && name_part(s.substr(slash + 1));
}

bool ObjectRules::label_value(const std::string& s) {
  return s.empty() || name_part(s);
}

bool ObjectRules::config_map_key(const std::string& s) {
  if (s.empty() || s.size() > 253 || s == "." || s == "..") return false;
  for (char c : s)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::optional<SpokeResponse> ObjectRules::decode(const ResourceKind& k, const Json& o,
                                                 bool require_type_meta) {
  const std::string prefix =
      std::string(k.kind) + " in version \"v1\" cannot be handled as a " + k.kind + ": ";
  if (!o.is_object()) return Status::bad_request(prefix + "the body is not a JSON object");
  for (const char* tm : {"kind", "apiVersion"}) {
    if (!o.contains(tm)) {
      if (require_type_meta)
        return Status::bad_request(std::string("Object '") +
                                   (tm[0] == 'k' ? "Kind" : "apiVersion") +
                                   "' is missing in the request body");
      continue;
    }
    if (!o[tm].is_string()) return Status::bad_request(prefix + tm + " must be a string");
  }
  if (o.contains("kind") && o["kind"] != k.kind)
    return Status::bad_request(prefix + "the kind of the body is " + o["kind"].dump() + ", not \"" +
                               k.kind + "\"");
  if (o.contains("apiVersion") && o["apiVersion"] != "v1")
    return Status::bad_request(prefix + "the apiVersion of the body is " + o["apiVersion"].dump() +
                               ", not \"v1\"");
  if (o.contains("metadata") && !o["metadata"].is_null()) {
    const Json& m = o["metadata"];
    if (!m.is_object()) return Status::bad_request(prefix + "metadata must be an object");
    for (const char* s : {"name", "namespace", "generateName", "resourceVersion", "uid"})
      if (m.contains(s) && !m[s].is_string() && !m[s].is_null())
        return Status::bad_request(prefix + "metadata." + s + " must be a string");
    for (const char* s : {"labels", "annotations"})
      if (m.contains(s) && !string_map(m[s]))
        return Status::bad_request(prefix + "metadata." + s + " must map strings to strings");
  }
  if (k.namespaced) {
    for (const char* s : {"data", "binaryData"})
      if (o.contains(s) && !string_map(o[s]))
        return Status::bad_request(prefix + s + " must map strings to strings");
    if (o.contains("immutable") && !o["immutable"].is_boolean() && !o["immutable"].is_null())
      return Status::bad_request(prefix + "immutable must be a boolean");
  } else if (o.contains("spec") && !o["spec"].is_null() && !o["spec"].is_object()) {
    return Status::bad_request(prefix + "spec must be an object");
  }
  return std::nullopt;
}

std::optional<SpokeResponse> ObjectRules::unknown_fields(const ResourceKind& k, Json& o,
                                                         const std::string& validation,
                                                         std::vector<std::string>& warnings) {
  static const std::set<std::string> kConfigMap{"apiVersion", "kind",       "metadata",
                                                "data",       "binaryData", "immutable"};
  static const std::set<std::string> kNamespace{"apiVersion", "kind", "metadata", "spec", "status"};
  // clang-format off
  static const std::set<std::string> kMeta{
      "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
      "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
      "annotations", "ownerReferences", "finalizers", "managedFields"};
  // clang-format on
  const auto& top = k.namespaced ? kConfigMap : kNamespace;
  std::vector<std::string> unknown;
  for (auto it = o.begin(); it != o.end(); ++it)
    if (!top.contains(it.key())) unknown.push_back(it.key());
  if (o.contains("metadata") && o["metadata"].is_object())
    for (auto it = o["metadata"].begin(); it != o["metadata"].end(); ++it)
      if (!kMeta.contains(it.key())) unknown.push_back("metadata." + it.key());
  if (unknown.empty()) return std::nullopt;
  if (validation == "Strict")
    return Status::bad_request("strict decoding error: unknown field \"" + unknown.front() + "\"");
  for (const auto& f : unknown) {
    const auto dot = f.find('.');
    if (dot == std::string::npos)
      o.erase(f);
    else
      o["metadata"].erase(f.substr(dot + 1));
    if (validation != "Ignore") warnings.push_back("unknown field \"" + f + "\"");
  }
  return std::nullopt;
}

std::optional<SpokeResponse> ObjectRules::validate(const ResourceKind& k, const Json& o) {
  const Json& m = o["metadata"];
  const std::string name =
      m.contains("name") && m["name"].is_string() ? m["name"].get<std::string>() : "";
  if (name.empty())
    return Status::invalid(k.kind, name, "metadata.name", "FieldValueRequired",
                           "Required value: name or "
                           "generateName is required");
  const bool ok = k.namespaced ? dns1123_subdomain(name) : dns1123_label(name);
  if (!ok)
    return Status::invalid(k.kind, name, "metadata.name", "FieldValueInvalid",
                           "Invalid value: " + quoted(name) + ": " +
                               (k.namespaced ? kSubdomainMessage : kLabelMessage));
  if (m.contains("labels"))
    if (auto r = check_map_keys(k, name, m["labels"], "metadata.labels", true)) return r;
  if (m.contains("annotations"))
    if (auto r = check_map_keys(k, name, m["annotations"], "metadata.annotations", false)) return r;
  if (k.namespaced) return check_config_map(name, o);
  return std::nullopt;
}

}  // namespace fleetsim::spoke
