// Status: Kubernetes metav1.Status bodies, the error (and delete-success) answers of the
// emulated spoke.
//
// Models: k8s.io/apimachinery/pkg/api/errors: each error is an HTTP code with a reason
// (NotFound 404, AlreadyExists 409, Conflict 409, Invalid 422, BadRequest 400,
// MethodNotAllowed 405, UnsupportedMediaType 415, RequestEntityTooLarge 413,
// Unauthorized 401, TooManyRequests 429, InternalError 500) and a message worded like
// kube-apiserver's. Invariants: body is a JSON object {kind: Status, apiVersion: v1,
// metadata: {}, status: Failure|Success, message, reason, details?, code}.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spoke/ManagedFields.hpp"
#include "spoke/SpokeRequest.hpp"

namespace fleetsim::spoke {

using Json = nlohmann::ordered_json;

struct Status {
  // A Failure status with `code`, `reason`, `message`; details are added when not null.
  static SpokeResponse failure(int code, const std::string& reason, const std::string& message,
                               const Json& details = nullptr);
  static SpokeResponse not_found(const std::string& resource, const std::string& name);
  static SpokeResponse already_exists(const std::string& resource, const std::string& name);
  static SpokeResponse conflict(const std::string& resource, const std::string& name,
                                const std::string& why);
  // 422: `kind "name" is invalid: field: message` with one cause.
  static SpokeResponse invalid(const std::string& kind, const std::string& name,
                               const std::string& field, const std::string& cause_reason,
                               const std::string& message);
  // 409 of a server-side apply: "Apply failed with N conflict(s): conflict with "M" using
  // v1: .data.k" (several: one "conflicts with" block per manager), causes
  // FieldManagerConflict.
  static SpokeResponse apply_conflict(const std::string& resource, const std::string& name,
                                      const std::vector<ManagedFields::Conflict>& conflicts);
  static SpokeResponse bad_request(const std::string& message);
  static SpokeResponse method_not_allowed();
  static SpokeResponse unsupported_media_type(const std::string& accepted);
  static SpokeResponse path_not_found();
  // 200 Success, as kube-apiserver answers a DELETE of most resources.
  static SpokeResponse success(const std::string& resource, const std::string& name,
                               const std::string& uid);
  static SpokeResponse json(int status, const Json& body);
};

}  // namespace fleetsim::spoke
