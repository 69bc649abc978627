#include "scenario/Locator.hpp"

namespace fleetsim::scenario {

bool path_under(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) return true;
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

void Locator::mount(const std::string& prefix, std::shared_ptr<const JsoncDocument> doc) {
  mounts_.emplace_back(prefix, std::move(doc));
}

void Locator::override_at(const std::string& path, Location where) {
  overrides_[path] = where;
}

Location Locator::find(const std::string& path, bool key) const {
  // The longest overriding ancestor wins; then mounts; then the main file.
  const Location* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& [p, loc] : overrides_)
    if (path_under(path, p) && (!best || p.size() >= best_len)) {
      best = &loc;
      best_len = p.size();
    }
  if (best) return *best;
  for (auto it = mounts_.rbegin(); it != mounts_.rend(); ++it) {
    const auto& [prefix, doc] = *it;
    if (!path_under(path, prefix)) continue;
    std::string rest = path.substr(prefix.size());
    if (!rest.empty() && rest[0] == '.') rest.erase(0, 1);
    if (rest.empty()) return main_->value_location(path);  // the reference itself
    return key ? doc->key_location(rest) : doc->value_location(rest);
  }
  if (!main_->has(path))
    for (const auto& doc : fallbacks_)
      if (doc->has(path)) return key ? doc->key_location(path) : doc->value_location(path);
  return key ? main_->key_location(path) : main_->value_location(path);
}

}  // namespace fleetsim::scenario
