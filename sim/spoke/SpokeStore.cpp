#include "spoke/SpokeStore.hpp"

#include <cstdio>
#include <ctime>

namespace fleetsim::spoke {

Json StoredObject::rendered() const {
  Json out = object;
  if (!managed.entries().empty()) out["metadata"]["managedFields"] = managed.render();
  return out;
}

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
  emit("ADDED", resource, ns, slot.rendered());
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
  emit("MODIFIED", resource, ns, slot.rendered());
  return slot;
}

bool SpokeStore::erase(const std::string& resource, const std::string& ns,
                       const std::string& name) {
  const auto it = objects_.find(Key{resource, ns, name});
  if (it == objects_.end()) return false;
  if (resource == "namespaces")  // its objects first, each a change of its own
    for (auto o = objects_.begin(); o != objects_.end();) {
      const auto& [r, n, object_name] = o->first;
      if (r != "namespaces" && n == name) {
        ++revision_;
        Json last = o->second.rendered();
        const std::string gone = r;
        o = objects_.erase(o);
        emit("DELETED", gone, name, std::move(last));
      } else {
        ++o;
      }
    }
  ++revision_;
  Json last = it->second.rendered();
  objects_.erase(it);
  emit("DELETED", resource, ns, std::move(last));
  return true;
}

void SpokeStore::emit(const char* type, const std::string& resource, const std::string& ns,
                      Json object) {
  object["metadata"]["resourceVersion"] = std::to_string(revision_);
  events_.push_back(WatchEvent{revision_, type, resource, ns, std::move(object)});
  if (events_.size() > kEventLog) {
    compacted_ = events_.front().revision;
    events_.pop_front();
  }
  if (listener_) listener_(events_.back());
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
