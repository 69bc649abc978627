#include "spoke/RequestTarget.hpp"

namespace fleetsim::spoke {

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view s, bool plus_is_space, bool& ok) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      const int h = i + 2 < s.size() ? hex(s[i + 1]) : -1;
      const int l = i + 2 < s.size() ? hex(s[i + 2]) : -1;
      if (h < 0 || l < 0) {
        ok = false;
        return out;
      }
      out += static_cast<char>(h * 16 + l);
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

RequestTarget RequestTarget::parse(std::string_view target) {
  RequestTarget t;
  if (target.empty() || target.front() != '/') {
    t.valid = false;
    return t;
  }
  const auto q = target.find('?');
  const std::string_view path = target.substr(0, q);
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start)
      t.segments.push_back(decode(path.substr(start, slash - start), false, t.valid));
    start = slash + 1;
  }
  if (q == std::string_view::npos) return t;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    std::string name = decode(pair.substr(0, eq), true, t.valid);
    std::string value =
        eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1), true, t.valid);
    if (!name.empty()) t.query.emplace(std::move(name), std::move(value));
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  return t;
}

std::string RequestTarget::param(const std::string& name, const std::string& otherwise) const {
  const auto it = query.find(name);
  return it == query.end() ? otherwise : it->second;
}

}  // namespace fleetsim::spoke
