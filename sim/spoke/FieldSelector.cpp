#include "spoke/FieldSelector.hpp"

#include <stdexcept>

namespace fleetsim::spoke {

FieldSelector FieldSelector::parse(const std::string& text) {
  FieldSelector s;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string t = text.substr(start, comma - start);
    start = comma + 1;
    if (t.empty()) continue;
    Term term;
    if (const auto ne = t.find("!="); ne != std::string::npos) {
      term = {t.substr(0, ne), t.substr(ne + 2), false};
    } else if (const auto eq = t.find('='); eq != std::string::npos) {
      const std::size_t skip = t.compare(eq, 2, "==") == 0 ? 2 : 1;
      term = {t.substr(0, eq), t.substr(eq + skip), true};
    } else {
      throw std::invalid_argument("invalid selector: '" + text + "'; can't understand '" + t + "'");
    }
    if (term.field != "metadata.name" && term.field != "metadata.namespace")
      throw std::invalid_argument("\"" + term.field +
                                  "\" is not a known field selector: only \"metadata.name\", "
                                  "\"metadata.namespace\"");
    s.terms.push_back(term);
  }
  return s;
}

bool FieldSelector::matches(const nlohmann::ordered_json& meta) const {
  for (const auto& t : terms) {
    const std::string key = t.field == "metadata.name" ? "name" : "namespace";
    const std::string v = meta.is_object() && meta.contains(key) && meta[key].is_string()
                              ? meta[key].get<std::string>()
                              : "";
    if ((v == t.value) != t.equal) return false;
  }
  return true;
}

}  // namespace fleetsim::spoke
