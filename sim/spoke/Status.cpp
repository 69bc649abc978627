#include "spoke/Status.hpp"

#include <map>

namespace fleetsim::spoke {

namespace {
Json base(const std::string& status) {
  Json j;
  j["kind"] = "Status";
  j["apiVersion"] = "v1";
  j["metadata"] = Json::object();
  j["status"] = status;
  return j;
}
}  // namespace

SpokeResponse Status::json(int status, const Json& body) {
  SpokeResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

SpokeResponse Status::failure(int code, const std::string& reason, const std::string& message,
                              const Json& details) {
  Json j = base("Failure");
  j["message"] = message;
  j["reason"] = reason;
  if (!details.is_null()) j["details"] = details;
  j["code"] = code;
  return json(code, j);
}

SpokeResponse Status::not_found(const std::string& resource, const std::string& name) {
  return failure(404, "NotFound", resource + " \"" + name + "\" not found",
                 Json{{"name", name}, {"kind", resource}});
}

SpokeResponse Status::already_exists(const std::string& resource, const std::string& name) {
  return failure(409, "AlreadyExists", resource + " \"" + name + "\" already exists",
                 Json{{"name", name}, {"kind", resource}});
}

SpokeResponse Status::conflict(const std::string& resource, const std::string& name,
                               const std::string& why) {
  return failure(409, "Conflict",
                 "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + why,
                 Json{{"name", name}, {"kind", resource}});
}

SpokeResponse Status::invalid(const std::string& kind, const std::string& name,
                              const std::string& field, const std::string& cause_reason,
                              const std::string& message) {
  Json cause{{"reason", cause_reason}, {"message", message}, {"field", field}};
  return failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + field + ": " + message,
                 Json{{"name", name}, {"kind", kind}, {"causes", Json::array({cause})}});
}

SpokeResponse Status::bad_request(const std::string& message) {
  return failure(400, "BadRequest", message);
}

SpokeResponse Status::method_not_allowed() {
  return failure(405, "MethodNotAllowed",
                 "the server does not allow this method on the requested resource");
}

SpokeResponse Status::unsupported_media_type(const std::string& accepted) {
  return failure(415, "UnsupportedMediaType",
                 "the body of the request was in an unknown format - accepted media types "
                 "include: " +
                     accepted);
}

SpokeResponse Status::path_not_found() {
  return failure(404, "NotFound", "the server could not find the requested resource");
}

SpokeResponse Status::success(const std::string& resource, const std::string& name,
                              const std::string& uid) {
  Json j = base("Success");
  j["details"] = Json{{"name", name}, {"kind", resource}, {"uid", uid}};
  return json(200, j);
}

SpokeResponse Status::apply_conflict(const std::string& resource, const std::string& name,
                                     const std::vector<ManagedFields::Conflict>& cs) {
  std::string msg = "Apply failed with " + std::to_string(cs.size()) +
                    (cs.size() == 1 ? " conflict: " : " conflicts: ");
  Json causes = Json::array();
  std::map<std::string, std::vector<std::string>> by_manager;
  for (const auto& c : cs) {
    const std::string who = "conflict with \"" + c.manager + "\" using v1";
    causes.push_back(Json{{"reason", "FieldManagerConflict"},
                          {"message", who},
                          {"field", ManagedFields::dotted(c.field)}});
    by_manager[c.manager].push_back(ManagedFields::dotted(c.field));
  }
  if (cs.size() == 1) {
    msg +=
        "conflict with \"" + cs[0].manager + "\" using v1: " + ManagedFields::dotted(cs[0].field);
  } else {
    bool first = true;
    for (const auto& [m, fields] : by_manager) {
      msg.append(first ? "" : "\n").append("conflicts with \"" + m + "\" using v1:");
      for (const auto& f : fields) msg.append("\n- ").append(f);
      first = false;
    }
  }
  return Status::failure(409, "Conflict", msg,
                         Json{{"name", name}, {"kind", resource}, {"causes", causes}});
}

}  // namespace fleetsim::spoke
