// JsonValues: typed reading of scenario values (durations, quantities, distributions).
//
// Models: the value notations of docs/scenario-format.md. Each reader throws FieldError
// (a sub-path below the value and a message) on bad input; the validator turns that into
// a located Diagnostic, so the notation rules live here once.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/Distribution.hpp"

namespace fleetsim::scenario {

struct FieldError : std::runtime_error {
  FieldError(std::string subpath, const std::string& message)
      : std::runtime_error(message), subpath(std::move(subpath)) {}
  std::string subpath;  // appended to the value's path ("" or ".lognormal.p99" ...)
};

using Json = nlohmann::ordered_json;

double duration_value(const Json& v);  // seconds; string (Go syntax) or number
double cpu_value(const Json& v);       // cores; string (quantity) or number
double memory_value(const Json& v);    // bytes; string (quantity) or number
engine::Distribution distribution_value(const Json& v);
std::vector<std::pair<double, double>> points_value(const Json& v);
std::string type_name(const Json& v);
// "[i]": the path suffix of array element i.
std::string index_suffix(std::size_t i);

}  // namespace fleetsim::scenario
