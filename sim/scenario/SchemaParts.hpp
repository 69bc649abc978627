// SchemaParts: the building blocks of the scenario schema (Schema.cpp assembles them).
//
// Node constructors (a key with its type, default, unit and range) and the sections that
// more than one part of the format shares (clients, latency models, request sources, pod
// templates) or that describe the workload (services, serving, cluster, training, Howso;
// defined in SchemaWorkloads.cpp). Every key is still declared exactly once;
// docs/scenario-format.md is generated from the assembled tree. Internal to sim/scenario.
#pragma once

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "scenario/SchemaNode.hpp"

namespace fleetsim::scenario::schema {

using T = SchemaNode::Type;
using json = nlohmann::ordered_json;
using Node = std::shared_ptr<SchemaNode>;

Node make(T type, std::string doc, json def = nullptr, std::string unit = "");
Node ranged(Node n, double min, double max = std::numeric_limits<double>::infinity());
// Integers are read into 32-bit fields: the range stops there (no silent wrap-around).
Node integer(std::string doc, json def, double min, std::string unit = "");
Node number(std::string doc, json def, double min, double max, std::string unit = "");
Node duration(std::string doc, json def, double min = 0);
Node text(std::string doc, json def);
Node choice(std::string doc, std::vector<std::string> choices, json def);
Node required(Node n);
Node object(std::string doc, Fields fields);
Node map(std::string doc, SchemaPtr item);
Node array(std::string doc, SchemaPtr item, json def = json::array());
Node distribution(std::string doc, json def, std::string unit = "seconds");
Node client(std::string doc, double qps, int burst);
Node latency_object();
Node api_server();
Node step_schema();
Node rate_limiter();
Node toleration();
Node points(std::string doc);
// When requests, workflow executions or jobs arrive (RequestSource).
Node request_source(std::string doc);
Node qualified_map(std::string doc, SchemaPtr item);
Node resources(std::string doc);
Node labels(std::string doc);
// A pod template; `exits_by_itself`: with the optional run time or CPU work after which the
// pod exits (a Howso trainee ends when its training does: neither).
Node pod_template(bool exits_by_itself = true);
Node services();
Node serving();
Node node_pool();
Node cluster();
Node workloads();
Node training();
Node howso();

}  // namespace fleetsim::scenario::schema
