#include "spoke/ProtobufBody.hpp"

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace fleetsim::spoke {

namespace {

using Json = nlohmann::ordered_json;

struct Malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One protobuf message: fields in order, each (number, wire type, varint or bytes).
class Reader {
 public:
  explicit Reader(std::string_view data) : d_(data) {}
  bool done() const { return pos_ >= d_.size(); }

  struct Field {
    std::uint64_t number = 0;
    int wire = 0;
    std::uint64_t varint = 0;
    std::string_view bytes;
  };

  Field next() {
    Field f;
    const std::uint64_t key = varint();
    f.number = key >> 3;
    f.wire = static_cast<int>(key & 7);
    switch (f.wire) {
      case 0:
        f.varint = varint();
        break;
      case 1:
        skip(8);
        break;
      case 5:
        skip(4);
        break;
      case 2: {
        const std::uint64_t n = varint();
        if (n > d_.size() - pos_) throw Malformed("length past the end of the message");
        f.bytes = d_.substr(pos_, n);
        pos_ += n;
        break;
      }
      default:
        throw Malformed("unsupported wire type " + std::to_string(f.wire));
    }
    return f;
  }

 private:
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= d_.size()) throw Malformed("truncated varint");
      const auto b = static_cast<unsigned char>(d_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    throw Malformed("varint longer than 10 bytes");
  }
  void skip(std::size_t n) {
    if (n > d_.size() - pos_) throw Malformed("fixed field past the end of the message");
    pos_ += n;
  }

  std::string_view d_;
  std::size_t pos_ = 0;
};

std::string_view view_of(const Reader::Field& f) {
  if (f.wire != 2)
    throw Malformed("field " + std::to_string(f.number) + " is not length-delimited");
  return f.bytes;
}
std::string bytes_of(const Reader::Field& f) {
  return std::string(view_of(f));
}

}  // namespace

std::string ProtobufBody::base64(std::string_view in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += t[(n >> k) & 63];
  }
  if (const std::size_t rest = in.size() - i; rest > 0) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += t[(n >> 18) & 63];
    out += t[(n >> 12) & 63];
    out += rest == 2 ? t[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

namespace {

// A map<string, string|bytes> entry {1: key, 2: value} into `into`.
void map_entry(const Reader::Field& f, Json& into, bool binary) {
  Reader r(f.bytes);
  std::string key, value;
  while (!r.done()) {
    const auto e = r.next();
    if (e.number == 1) key = bytes_of(e);
    if (e.number == 2) value = bytes_of(e);
  }
  into[key] = binary ? ProtobufBody::base64(value) : value;
}

Json object_meta(std::string_view bytes) {
  static const char* const kStrings[] = {nullptr, "name", "generateName",   "namespace",
                                         nullptr, "uid",  "resourceVersion"};
  Json m = Json::object();
  Reader r(bytes);
  while (!r.done()) {
    const auto f = r.next();
    if (f.number >= 1 && f.number <= 6 && kStrings[f.number]) {
      if (!view_of(f).empty()) m[kStrings[f.number]] = bytes_of(f);  // as omitempty
    } else if (f.number == 11) {
      map_entry(f, m["labels"], false);
    } else if (f.number == 12) {
      map_entry(f, m["annotations"], false);
    } else if (f.number == 14) {
      m["finalizers"].push_back(bytes_of(f));
    }
  }
  return m;
}

Json config_map(std::string_view raw) {
  Json o{{"apiVersion", "v1"}, {"kind", "ConfigMap"}};
  Reader r(raw);
  while (!r.done()) {
    const auto f = r.next();
    if (f.number == 1) o["metadata"] = object_meta(view_of(f));
    if (f.number == 2) map_entry(f, o["data"], false);
    if (f.number == 3) map_entry(f, o["binaryData"], true);
    if (f.number == 4 && f.wire == 0) o["immutable"] = f.varint != 0;
  }
  return o;
}

Json namespace_object(std::string_view raw) {
  Json o{{"apiVersion", "v1"}, {"kind", "Namespace"}};
  Reader r(raw);
  while (!r.done()) {
    const auto f = r.next();
    if (f.number == 1) o["metadata"] = object_meta(view_of(f));
    if (f.number == 2) {
      Reader spec(view_of(f));
      o["spec"] = Json::object();
      while (!spec.done()) {
        const auto s = spec.next();
        if (s.number == 1) o["spec"]["finalizers"].push_back(bytes_of(s));
      }
    }
  }
  return o;
}

}  // namespace

std::optional<nlohmann::ordered_json> ProtobufBody::decode(const std::string& bytes,
                                                           std::string& error) {
  static constexpr std::string_view kMagic("k8s\0", 4);
  if (bytes.size() < kMagic.size() || std::string_view(bytes).substr(0, 4) != kMagic) {
    error = "the body does not start with the protobuf magic \"k8s\\0\"";
    return std::nullopt;
  }
  try {
    std::string api_version, kind, raw;
    Reader unknown(std::string_view(bytes).substr(4));
    while (!unknown.done()) {
      const auto f = unknown.next();
      if (f.number == 1) {
        Reader tm(view_of(f));
        while (!tm.done()) {
          const auto t = tm.next();
          if (t.number == 1) api_version = bytes_of(t);
          if (t.number == 2) kind = bytes_of(t);
        }
      } else if (f.number == 2) {
        raw = bytes_of(f);
      }
    }
    if (api_version != "v1") {
      error = "protobuf body of apiVersion \"" + api_version + "\", not \"v1\"";
      return std::nullopt;
    }
    if (kind == "ConfigMap") return config_map(raw);
    if (kind == "Namespace") return namespace_object(raw);
    error = "protobuf body of kind \"" + kind + "\" (the spoke decodes ConfigMap and Namespace)";
  } catch (const Malformed& e) {
    error = std::string("malformed protobuf body: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace fleetsim::spoke
