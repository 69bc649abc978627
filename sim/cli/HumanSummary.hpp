// HumanSummary: the short text a person reads after a run (stdout), from summary.json.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace fleetsim::cli {

std::string human_summary(const nlohmann::ordered_json& summary, const std::string& results_dir);

}  // namespace fleetsim::cli
