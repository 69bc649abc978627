#include "spoke/ManagedFields.hpp"

#include <algorithm>

namespace fleetsim::spoke {

namespace {

void leaves(const Json& v, ManagedFields::FieldPath& at, std::set<ManagedFields::FieldPath>& out) {
  if (!v.is_object()) {
    out.insert(at);
    return;
  }
  for (auto it = v.begin(); it != v.end(); ++it) {
    at.push_back(it.key());
    leaves(it.value(), at, out);
    at.pop_back();
  }
}

const Json* value_at(const Json& obj, const ManagedFields::FieldPath& f) {
  const Json* v = &obj;
  for (const auto& k : f) {
    if (!v->is_object()) return nullptr;
    const auto it = v->find(k);
    if (it == v->end()) return nullptr;
    v = &*it;
  }
  return v;
}

bool same_value(const Json& a, const Json& b, const ManagedFields::FieldPath& f) {
  const Json* x = value_at(a, f);
  const Json* y = value_at(b, f);
  if (!x || !y) return x == y;
  return *x == *y;
}

void set_at(Json& obj, const ManagedFields::FieldPath& f, const Json& value) {
  Json* v = &obj;
  for (const auto& k : f) {
    if (!v->is_object()) *v = Json::object();
    v = &(*v)[k];
  }
  *v = value;
}

void erase_at(Json& obj, const ManagedFields::FieldPath& f) {
  Json* v = &obj;
  for (std::size_t i = 0; i + 1 < f.size(); ++i) {
    if (!v->is_object() || !v->contains(f[i])) return;
    v = &(*v)[f[i]];
  }
  if (v->is_object()) v->erase(f.back());
}

}  // namespace

std::set<ManagedFields::FieldPath> ManagedFields::fields_of(const Json& object) {
  std::set<FieldPath> out;
  if (!object.is_object()) return out;
  FieldPath at;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& k = it.key();
    if (k == "apiVersion" || k == "kind" || k == "status") continue;
    if (k == "metadata") {
      for (const char* m : {"labels", "annotations"})
        if (it.value().is_object() && it.value().contains(m) && it.value()[m].is_object())
          for (auto l = it.value()[m].begin(); l != it.value()[m].end(); ++l)
            out.insert({"metadata", m, l.key()});
      continue;
    }
    at = {k};
    leaves(it.value(), at, out);
  }
  return out;
}

std::string ManagedFields::dotted(const FieldPath& f) {
  std::string s;
  for (const auto& k : f) s.append(".").append(k);
  return s;
}

ManagedFields::Entry& ManagedFields::entry(const std::string& manager,
                                           const std::string& operation) {
  for (auto& e : entries_)
    if (e.manager == manager && e.operation == operation) return e;
  entries_.push_back(Entry{manager, operation, "", {}});
  return entries_.back();
}

bool ManagedFields::owned_by_other(const FieldPath& f, const Entry* except) const {
  for (const auto& e : entries_)
    if (&e != except && e.fields.contains(f)) return true;
  return false;
}

void ManagedFields::drop_empty() {
  std::erase_if(entries_, [](const Entry& e) { return e.fields.empty(); });
}

void ManagedFields::record_update(const Json& before, const Json& after, const std::string& manager,
                                  const std::string& time) {
  const auto now = fields_of(after);
  for (auto& e : entries_)
    std::erase_if(e.fields, [&](const FieldPath& f) { return !now.contains(f); });
  std::set<FieldPath> changed;
  for (const auto& f : now)
    if (!same_value(before, after, f)) changed.insert(f);
  if (!changed.empty()) {
    Entry& mine = entry(manager, "Update");
    for (auto& e : entries_)
      if (&e != &mine)
        std::erase_if(e.fields, [&](const FieldPath& f) { return changed.contains(f); });
    mine.fields.insert(changed.begin(), changed.end());
    mine.time = time;
  }
  drop_empty();
}

std::vector<ManagedFields::Conflict> ManagedFields::conflicts(const Json& current,
                                                              const Json& applied,
                                                              const std::string& manager) const {
  std::vector<Conflict> out;
  for (const auto& f : fields_of(applied)) {
    if (same_value(current, applied, f)) continue;
    for (const auto& e : entries_)
      if (e.manager != manager && e.fields.contains(f)) out.push_back(Conflict{f, e.manager});
  }
  return out;
}

Json ManagedFields::apply(const Json& current, const Json& applied, const std::string& manager,
                          const std::string& time) {
  const auto wanted = fields_of(applied);
  Json result = current;
  Entry* mine = nullptr;
  for (auto& e : entries_)
    if (e.manager == manager && e.operation == "Apply") mine = &e;
  if (mine)
    for (const auto& f : mine->fields)
      if (!wanted.contains(f) && !owned_by_other(f, mine)) erase_at(result, f);
  std::set<FieldPath> changed;
  for (const auto& f : wanted) {
    if (!same_value(current, applied, f)) changed.insert(f);
    set_at(result, f, *value_at(applied, f));
  }
  // Fields taken over (force, or values changed by this apply) leave their other owners.
  Entry& self = entry(manager, "Apply");
  for (auto& e : entries_)
    if (&e != &self)
      std::erase_if(e.fields, [&](const FieldPath& f) { return changed.contains(f); });
  if (self.fields != wanted || self.time.empty()) self.time = time;
  self.fields = wanted;
  drop_empty();
  return result;
}

Json ManagedFields::render() const {
  Json out = Json::array();
  for (const auto& e : entries_) {
    Json tree = Json::object();
    for (const auto& f : e.fields) {
      Json* v = &tree;
      for (const auto& k : f) v = &(*v)["f:" + k];
      if (v->is_null()) *v = Json::object();
    }
    out.push_back(Json{{"manager", e.manager},
                       {"operation", e.operation},
                       {"apiVersion", "v1"},
                       {"time", e.time},
                       {"fieldsType", "FieldsV1"},
                       {"fieldsV1", tree}});
  }
  return out;
}

bool ManagedFields::operator==(const ManagedFields& o) const {
  if (entries_.size() != o.entries_.size()) return false;
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].manager != o.entries_[i].manager ||
        entries_[i].operation != o.entries_[i].operation ||
        entries_[i].fields != o.entries_[i].fields)
      return false;
  return true;
}

}  // namespace fleetsim::spoke
