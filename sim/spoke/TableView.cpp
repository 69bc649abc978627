#include "spoke/TableView.hpp"

#include <ctime>

namespace fleetsim::spoke {

namespace {

std::int64_t unix_seconds(const Json& timestamp) {
  if (!timestamp.is_string()) return 0;
  std::tm tm{};
  const std::string s = timestamp.get<std::string>();
  if (!strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return 0;
  return static_cast<std::int64_t>(timegm(&tm));
}

Json column(const char* name, const char* format, const char* description) {
  return Json{{"name", name},
              {"type", std::string(name) == "Data" ? "integer" : "string"},
              {"format", format},
              {"description", description},
              {"priority", 0}};
}

std::string two(std::int64_t a, const char* ua, std::int64_t b, const char* ub) {
  std::string s = std::to_string(a);
  s.append(ua);
  if (b != 0) s.append(std::to_string(b)).append(ub);
  return s;
}

}  // namespace

bool TableView::wanted(std::string_view accept) {
  return accept.find("as=Table") != std::string_view::npos &&
         accept.find("v=v1;") != std::string_view::npos;
}

std::string TableView::age(std::int64_t s) {
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return std::to_string(s) + "s";
  const std::int64_t m = s / 60, h = s / 3600, d = h / 24, y = d / 365;
  if (m < 10) return two(m, "m", s % 60, "s");
  if (m < 180) return std::to_string(m) + "m";
  if (h < 8) return two(h, "h", m % 60, "m");
  if (h < 48) return std::to_string(h) + "h";
  if (h < 24 * 8) return two(d, "d", h % 24, "h");
  if (h < 24 * 365 * 2) return std::to_string(d) + "d";
  if (h < 24 * 365 * 8) return two(y, "y", d % 365, "d");
  return std::to_string(y) + "y";
}

Json TableView::table(const ResourceKind& kind, const std::vector<const StoredObject*>& objects,
                      std::uint64_t resource_version, std::int64_t now) {
  const char* kName =
      "Name must be unique within a namespace. Cannot be updated. More info: "
      "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  const char* kAge =
      "CreationTimestamp is a timestamp representing the server time when this object was "
      "created.";
  Json columns = Json::array({column("Name", "name", kName)});
  if (kind.namespaced)
    columns.push_back(column("Data", "", "Data contains the configuration data."));
  else
    columns.push_back(column("Status", "", "The status of the namespace"));
  columns.push_back(column("Age", "", kAge));
  Json rows = Json::array();
  for (const StoredObject* o : objects) {
    const Json& meta = o->object["metadata"];
    Json cells = Json::array({meta.value("name", "")});
    if (kind.namespaced) {
      std::size_t n = 0;
      for (const char* f : {"data", "binaryData"})
        if (o->object.contains(f) && o->object[f].is_object()) n += o->object[f].size();
      cells.push_back(n);
    } else {
      cells.push_back(o->object.contains("status") && o->object["status"].is_object()
                          ? o->object["status"].value("phase", "")
                          : "");
    }
    cells.push_back(age(now - unix_seconds(meta.value("creationTimestamp", Json()))));
    Json partial{{"kind", "PartialObjectMetadata"},
                 {"apiVersion", "meta.k8s.io/v1"},
                 {"metadata", o->rendered()["metadata"]}};
    rows.push_back(Json{{"cells", cells}, {"object", partial}});
  }
  return Json{{"kind", "Table"},
              {"apiVersion", "meta.k8s.io/v1"},
              {"metadata", {{"resourceVersion", std::to_string(resource_version)}}},
              {"columnDefinitions", columns},
              {"rows", rows}};
}

}  // namespace fleetsim::spoke
