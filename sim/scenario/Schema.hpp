// Schema: the scenario format and the latency-model format, as SchemaNode trees.
//
// The single place where every scenario key, its type, unit, default and meaning are
// declared (Schema.cpp assembles the tree from SchemaParts.cpp and SchemaWorkloads.cpp).
// docs/scenario-format.md is generated from it (`fleetsim help scenario`).
#pragma once

#include <string>

#include "scenario/SchemaNode.hpp"

namespace fleetsim::scenario {

const SchemaNode& scenario_schema();
const SchemaNode& latency_model_schema();
// Markdown reference of both formats (what docs/scenario-format.md holds).
std::string schema_markdown();

}  // namespace fleetsim::scenario
