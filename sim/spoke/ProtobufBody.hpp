// ProtobufBody: a request body in Kubernetes' protobuf encoding, read into JSON.
//
// Models: application/vnd.kubernetes.protobuf as client-go sends it (kubectl create does):
// the magic "k8s\0", then a runtime.Unknown {typeMeta{apiVersion, kind}, raw, ...}, raw
// being the object's message (k8s.io/api/core/v1 generated.proto). Decoded: ConfigMap
// {metadata, data, binaryData (base64 in the JSON, as the JSON encoding has it),
// immutable} and Namespace {metadata, spec.finalizers, status.phase}; of ObjectMeta: name,
// generateName, namespace, resourceVersion, uid, labels, annotations, finalizers. Fields
// the emulator does not model are skipped (by wire type).
// Invariants: decode() never throws and never reads outside the input; it returns nothing
// and sets `error` on malformed input or another kind.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace fleetsim::spoke {

struct ProtobufBody {
  static constexpr const char* kMediaType = "application/vnd.kubernetes.protobuf";
  static std::optional<nlohmann::ordered_json> decode(const std::string& bytes, std::string& error);
  // Standard base64 with padding (the JSON form of bytes).
  static std::string base64(std::string_view bytes);
};

}  // namespace fleetsim::spoke
