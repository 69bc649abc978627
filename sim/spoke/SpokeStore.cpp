#include "spoke/SpokeStore.hpp"

#include <cstdio>
#include <ctime>

namespace fleetsim::spoke {

SpokeStore::SpokeStore(Clock clock, engine::RandomStream rng)
    : clock_(std::move(clock)), rng_(std::move(rng)) {}

const StoredObject* SpokeStore::find(const std::string& resource, const std::string& ns,
                                     const std::string& name) const {
  const auto it = objects_.find(Key{resource, ns, name});
  return it == objects_.end() ? nullptr : &it->second;
}

std::vector<const StoredObject*> SpokeStore::list(const std::string& resource,
                                                  const std::string& ns) const {
  std::vector<const StoredObject*> out;
  for (auto it = objects_.lower_bound(Key{resource, ns, ""}); it != objects_.end(); ++it) {
    const auto& [r, n, name] = it->first;
    if (r != resource || (!ns.empty() && n != ns)) break;
    out.push_back(&it->second);
  }
  return out;
}

const StoredObject& SpokeStore::create(const std::string& resource, const std::string& ns,
                                       const std::string& name, Json object,
                                       ManagedFields managed) {
  auto& meta = object["metadata"];
  meta["uid"] = new_uid();
  meta["resourceVersion"] = std::to_string(++revision_);
  meta["creationTimestamp"] = now_rfc3339();
  auto& slot = objects_[Key{resource, ns, name}];
  slot = StoredObject{std::move(object), std::move(managed)};
  return slot;
}

const StoredObject& SpokeStore::replace(const std::string& resource, const std::string& ns,
                                        const std::string& name, Json object,
                                        ManagedFields managed) {
  auto& slot = objects_.at(Key{resource, ns, name});
  auto& meta = object["metadata"];
  meta["uid"] = slot.object["metadata"]["uid"];
  meta["creationTimestamp"] = slot.object["metadata"]["creationTimestamp"];
  meta["resourceVersion"] = std::to_string(++revision_);
  slot = StoredObject{std::move(object), std::move(managed)};
  return slot;
}

bool SpokeStore::erase(const std::string& resource, const std::string& ns,
                       const std::string& name) {
  if (!objects_.erase(Key{resource, ns, name})) return false;
  ++revision_;
  if (resource == "namespaces")
    std::erase_if(objects_, [&](const auto& kv) {
      return std::get<0>(kv.first) != "namespaces" && std::get<1>(kv.first) == name;
    });
  return true;
}

std::string SpokeStore::now_rfc3339() const {
  const std::time_t t = static_cast<std::time_t>(clock_());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string SpokeStore::new_uid() {
  const std::uint64_t a = rng_.next(), b = rng_.next();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0x0fff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

std::string SpokeStore::random_suffix() {
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::string s;
  for (int i = 0; i < 5; ++i) s += kAlphabet[rng_.below(sizeof kAlphabet - 1)];
  return s;
}

std::vector<std::string> SpokeStore::namespace_names() const {
  std::vector<std::string> out;
  for (const auto* o : list("namespaces", ""))
    out.push_back(o->object["metadata"]["name"].get<std::string>());
  return out;
}

}  // namespace fleetsim::spoke
