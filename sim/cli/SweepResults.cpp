#include "cli/SweepResults.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fleetsim::cli {

namespace fs = std::filesystem;
using Json = SweepResults::Json;

namespace {

const Json* at_path(const Json& j, const std::string& path) {
  const Json* cur = &j;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto dot = path.find('.', start);
    const std::string key =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object() || !cur->contains(key)) return nullptr;
    cur = &(*cur)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return cur;
}

void flatten(const Json& j, const std::string& prefix,
             std::vector<std::pair<std::string, const Json*>>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      const std::string p = prefix.empty() ? k : prefix + "." + k;
      if (p == "run") continue;  // wall clock: not deterministic
      flatten(v, p, out);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      flatten(j[i], prefix + "[" + std::to_string(i) + "]", out);
  } else {
    out.emplace_back(prefix, &j);
  }
}

std::string csv_cell(const Json& v) {
  if (v.is_null()) return "";
  std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  if (s.find_first_of(",\"\n") != std::string::npos) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }
  return s;
}

void write_atomically(const fs::path& file, const std::string& text) {
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, file);
}

std::string format_number(double x) {
  std::ostringstream o;
  o.precision(6);
  o << x;
  return o.str();
}

}  // namespace

void SweepResults::add(std::size_t point, std::uint64_t seed, Json summary) {
  summaries_[{point, seed}] = std::move(summary);
}

void SweepResults::load(std::size_t point, std::uint64_t seed, const fs::path& dir) {
  std::ifstream in(dir / "summary.json");
  if (!in) throw std::runtime_error("cannot read " + (dir / "summary.json").string());
  add(point, seed, Json::parse(in));
}

bool SweepResults::evaluated(std::size_t point) const {
  for (auto s : spec_.seeds())
    if (!summaries_.contains({point, s})) return false;
  return true;
}

void SweepResults::mark_evaluated(const std::vector<std::size_t>& points) {
  for (auto p : points)
    if (std::find(evaluation_order_.begin(), evaluation_order_.end(), p) == evaluation_order_.end())
      evaluation_order_.push_back(p);
}

void SweepResults::infer_failure(std::size_t point, std::size_t because) {
  if (!evaluated(point) && !inferred_.contains(point)) inferred_[point] = because;
}

std::optional<double> SweepResults::figure(std::size_t point, std::uint64_t seed,
                                           const std::string& path) const {
  const auto it = summaries_.find({point, seed});
  if (it == summaries_.end()) return std::nullopt;
  const Json* v = at_path(it->second, path);
  if (!v || !v->is_number()) return std::nullopt;
  return v->get<double>();
}

std::optional<bool> SweepResults::verdict(std::size_t point) const {
  if (!spec_.constraint()) return std::nullopt;
  if (evaluated(point)) {
    for (auto s : spec_.seeds()) {
      const auto x = figure(point, s, spec_.constraint()->figure);
      if (!x || !spec_.constraint()->holds(*x)) return false;
    }
    return true;
  }
  if (inferred_.contains(point)) return false;
  return std::nullopt;
}

std::optional<std::size_t> SweepResults::answer() const {
  if (!spec_.constraint()) return std::nullopt;
  for (std::size_t p : spec_.cheapest_first()) {
    const auto v = verdict(p);
    if (!v) return std::nullopt;  // a cheaper point is unknown
    if (*v) return p;
  }
  return std::nullopt;
}

std::string SweepResults::sentence() const {
  if (!spec_.constraint()) return "No constraint: the sweep records figures only.";
  const auto a = answer();
  const std::string target = "\"" + spec_.constraint()->text + "\"";
  const std::string seeds = spec_.seeds().size() == 1 ? "the seed" : "every seed";
  if (a) {
    std::string s = "The " + std::string(spec_.cost() ? "cheapest" : "smallest") +
                    " configuration that meets " + target + " (for " + seeds + ") is " +
                    spec_.describe(*a);
    if (spec_.cost()) s += " (cost " + format_number(*spec_.point_cost(*a)) + ")";
    double worst = -INFINITY;
    for (auto seed : spec_.seeds())
      if (auto x = figure(*a, seed, spec_.constraint()->figure)) worst = std::max(worst, *x);
    s += ": " + spec_.constraint()->figure + " = " + format_number(worst) +
         (spec_.seeds().size() > 1 ? " at worst." : ".");
    return s;
  }
  for (std::size_t p : spec_.cheapest_first())
    if (!verdict(p))
      return "No answer yet: point " + SweepSpec::point_id(p) + " (" + spec_.describe(p) +
             ") was not evaluated (a partial grid).";
  return "No configuration of the sweep meets " + target + ".";
}

std::string SweepResults::csv() const {
  std::vector<std::string> columns;
  std::map<std::string, std::size_t> index;
  std::vector<std::vector<std::pair<std::string, const Json*>>> rows;
  for (const auto& [key, summary] : summaries_) {
    rows.emplace_back();
    flatten(summary, "", rows.back());
    for (const auto& [c, v] : rows.back())
      if (!index.contains(c)) {
        index[c] = columns.size();
        columns.push_back(c);
      }
  }
  std::ostringstream o;
  o << "point,seed";
  for (const auto& p : spec_.parameters()) o << "," << csv_cell(Json("param:" + p.path));
  if (spec_.constraint()) o << ",constraint_holds";
  for (const auto& c : columns) o << "," << csv_cell(Json(c));
  o << "\n";
  std::size_t r = 0;
  for (const auto& [key, summary] : summaries_) {
    o << SweepSpec::point_id(key.first) << "," << key.second;
    const Json params = spec_.point_parameters(key.first);
    for (const auto& p : spec_.parameters()) o << "," << csv_cell(params[p.path]);
    if (spec_.constraint()) {
      const auto x = figure(key.first, key.second, spec_.constraint()->figure);
      o << "," << (x && spec_.constraint()->holds(*x) ? "true" : "false");
    }
    std::vector<std::string> cells(columns.size());
    for (const auto& [c, v] : rows[r]) cells[index[c]] = csv_cell(*v);
    for (const auto& c : cells) o << "," << c;
    o << "\n";
    ++r;
  }
  return o.str();
}

Json SweepResults::json(const std::string& mode, double wall_seconds) const {
  Json j = Json::object();
  j["sweep"] = spec_.file();
  j["name"] = spec_.name();
  j["base"] = spec_.base_path();
  j["mode"] = mode;
  j["monotone_assumption"] =
      "the constraint's verdict can only improve when any parameter moves to a later value of "
      "its list: a point below-or-equal to a failing point in every parameter fails too";
  Json params = Json::object();
  for (const auto& p : spec_.parameters()) params[p.path] = p.values;
  j["parameters"] = params;
  j["seeds"] = spec_.seeds();
  j["figures"] = spec_.figures();
  j["constraint"] = spec_.constraint() ? Json(spec_.constraint()->text) : Json(nullptr);
  Json obj = Json::object();
  if (spec_.cost())
    obj["cost"] = spec_.cost()->text();
  else
    obj["minimize"] = spec_.minimize();
  j["objective"] = obj;
  const auto a = answer();
  Json ans = nullptr;
  if (a) {
    ans = Json::object();
    ans["point"] = SweepSpec::point_id(*a);
    ans["parameters"] = spec_.point_parameters(*a);
    ans["cost"] = *spec_.point_cost(*a);
  }
  j["answer"] = ans;
  j["sentence"] = sentence();
  Json order = Json::array();
  for (auto p : evaluation_order_) order.push_back(SweepSpec::point_id(p));
  j["evaluated"] = order;
  j["points_total"] = spec_.point_count();
  Json points = Json::array();
  for (std::size_t p = 0; p < spec_.point_count(); ++p) {
    const bool any = std::any_of(spec_.seeds().begin(), spec_.seeds().end(), [&](auto s) {
      return summaries_.contains({p, s});
    });
    if (!any && !inferred_.contains(p)) continue;
    Json pj = Json::object();
    pj["point"] = SweepSpec::point_id(p);
    pj["parameters"] = spec_.point_parameters(p);
    if (const auto c = spec_.point_cost(p)) pj["cost"] = *c;
    pj["evaluated"] = evaluated(p);
    const auto v = verdict(p);
    pj["constraint_holds"] = v ? Json(*v) : Json(nullptr);
    if (inferred_.contains(p)) pj["inferred_from"] = SweepSpec::point_id(inferred_.at(p));
    if (any) {
      Json figs = Json::object();
      for (const auto& f : spec_.figures()) {
        Json per = Json::object();
        double lo = INFINITY, hi = -INFINITY, sum = 0;
        std::size_t n = 0;
        for (auto s : spec_.seeds()) {
          const auto x = figure(p, s, f);
          per[std::to_string(s)] = x ? Json(*x) : Json(nullptr);
          if (x) {
            lo = std::min(lo, *x);
            hi = std::max(hi, *x);
            sum += *x;
            ++n;
          }
        }
        Json fj = Json::object();
        fj["seeds"] = per;
        fj["min"] = n ? Json(lo) : Json(nullptr);
        fj["max"] = n ? Json(hi) : Json(nullptr);
        fj["mean"] =
            n ? Json(std::stod(format_number(sum / static_cast<double>(n)))) : Json(nullptr);
        figs[f] = fj;
      }
      pj["figures"] = figs;
    }
    points.push_back(pj);
  }
  j["points"] = points;
  j["spec"] = spec_.source();
  if (wall_seconds >= 0) j["run"] = {{"wall_seconds", std::round(wall_seconds * 1000) / 1000}};
  return j;
}

void SweepResults::write(const fs::path& dir, const std::string& mode, double wall_seconds) const {
  fs::create_directories(dir);
  write_atomically(dir / "sweep.csv", csv());
  write_atomically(dir / "sweep.json", json(mode, wall_seconds).dump(2) + "\n");
}

}  // namespace fleetsim::cli
