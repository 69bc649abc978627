#include "spoke/LabelSelector.hpp"

#include <cctype>
#include <stdexcept>

namespace fleetsim::spoke {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool valid_token(const std::string& s, bool allow_empty) {
  if (s.empty()) return allow_empty;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
          c == '/'))
      return false;
  return true;
}

// Splits at commas that are not inside parentheses.
std::vector<std::string> split_requirements(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth < 0) throw std::invalid_argument("unbalanced ')' in \"" + text + "\"");
    if (c == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (depth != 0) throw std::invalid_argument("unbalanced '(' in \"" + text + "\"");
  out.push_back(cur);
  return out;
}

LabelSelector::Requirement set_requirement(const std::string& r, std::size_t at, bool notin) {
  LabelSelector::Requirement q;
  q.key = trim(r.substr(0, at));
  q.op = notin ? LabelSelector::Op::kNotIn : LabelSelector::Op::kIn;
  std::string rest = trim(r.substr(at + (notin ? 7 : 4)));
  if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')')
    throw std::invalid_argument("expected a list of values in parentheses in \"" + r + "\"");
  std::string list = rest.substr(1, rest.size() - 2), cur;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i == list.size() || list[i] == ',') {
      const std::string v = trim(cur);
      if (!valid_token(v, true)) throw std::invalid_argument("invalid value \"" + v + "\"");
      q.values.insert(v);
      cur.clear();
    } else {
      cur += list[i];
    }
  }
  return q;
}

LabelSelector::Requirement requirement(const std::string& raw) {
  const std::string r = trim(raw);
  LabelSelector::Requirement q;
  if (r.empty()) throw std::invalid_argument("empty requirement");
  if (const auto p = r.find(" notin "); p != std::string::npos) {
    q = set_requirement(r, p, true);
  } else if (const auto p2 = r.find(" in "); p2 != std::string::npos) {
    q = set_requirement(r, p2, false);
  } else if (const auto ne = r.find("!="); ne != std::string::npos) {
    q = {trim(r.substr(0, ne)), LabelSelector::Op::kNotEquals, {trim(r.substr(ne + 2))}};
  } else if (const auto eq = r.find('='); eq != std::string::npos) {
    const std::size_t skip = r.compare(eq, 2, "==") == 0 ? 2 : 1;
    q = {trim(r.substr(0, eq)), LabelSelector::Op::kEquals, {trim(r.substr(eq + skip))}};
  } else if (r.front() == '!') {
    q = {trim(r.substr(1)), LabelSelector::Op::kDoesNotExist, {}};
  } else {
    q = {r, LabelSelector::Op::kExists, {}};
  }
  if (!valid_token(q.key, false))
    throw std::invalid_argument("invalid label key \"" + q.key + "\" in \"" + r + "\"");
  for (const auto& v : q.values)
    if (!valid_token(v, true) || v.find('/') != std::string::npos)
      throw std::invalid_argument("invalid label value \"" + v + "\" in \"" + r + "\"");
  return q;
}

}  // namespace

LabelSelector LabelSelector::parse(const std::string& text) {
  LabelSelector s;
  if (trim(text).empty()) return s;
  for (const auto& r : split_requirements(text)) s.reqs_.push_back(requirement(r));
  return s;
}

std::map<std::string, std::string> LabelSelector::labels_of(const nlohmann::ordered_json& o) {
  std::map<std::string, std::string> out;
  if (!o.is_object() || !o.contains("metadata") || !o["metadata"].is_object()) return out;
  const auto& m = o["metadata"];
  if (m.contains("labels") && m["labels"].is_object())
    for (auto it = m["labels"].begin(); it != m["labels"].end(); ++it)
      if (it.value().is_string()) out[it.key()] = it.value().get<std::string>();
  return out;
}

bool LabelSelector::matches(const std::map<std::string, std::string>& labels) const {
  for (const auto& r : reqs_) {
    const auto it = labels.find(r.key);
    const bool has = it != labels.end();
    switch (r.op) {
      case Op::kEquals:
      case Op::kIn:
        if (!has || !r.values.contains(it->second)) return false;
        break;
      case Op::kNotEquals:
      case Op::kNotIn:
        if (has && r.values.contains(it->second)) return false;
        break;
      case Op::kExists:
        if (!has) return false;
        break;
      case Op::kDoesNotExist:
        if (has) return false;
        break;
    }
  }
  return true;
}

}  // namespace fleetsim::spoke
