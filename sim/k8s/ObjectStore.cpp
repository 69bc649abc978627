#include "k8s/ObjectStore.hpp"

namespace fleetsim::k8s {

std::uint32_t ObjectStore::version(KindId kind, ObjectId id) const {
  if (kind >= versions_.size() || id >= versions_[kind].size()) return 0;
  return versions_[kind][id];
}

std::uint32_t& ObjectStore::slot(KindId kind, ObjectId id) {
  if (kind >= versions_.size()) versions_.resize(kind + 1);
  auto& v = versions_[kind];
  if (id >= v.size()) v.resize(std::max<std::size_t>(id + 1, v.size() * 2), 0);
  return v[id];
}

void ObjectStore::preload(KindId kind, ObjectId id) {
  auto& s = slot(kind, id);
  if (s == 0) ++objects_;
  ++s;
}

int ObjectStore::apply(const ApiRequest& r) {
  switch (r.verb) {
    case Verb::kList:
      return 200;
    case Verb::kGet:
      return exists(r.kind, r.object) ? 200 : 404;
    case Verb::kCreate: {
      auto& s = slot(r.kind, r.object);
      if (s != 0) return 409;
      s = 1;
      ++objects_;
      return 201;
    }
    case Verb::kPatch:
    case Verb::kUpdate: {
      if (!exists(r.kind, r.object)) {
        if (!r.server_side_apply) return 404;
        slot(r.kind, r.object) = 1;
        ++objects_;
        return 201;
      }
      if (r.changes) ++slot(r.kind, r.object);
      return 200;
    }
    case Verb::kDelete: {
      if (!exists(r.kind, r.object)) return 404;
      slot(r.kind, r.object) = 0;
      --objects_;
      return 200;
    }
  }
  return 500;
}

}  // namespace fleetsim::k8s
