// SourceBuilder: reads a request source (`serving.NAME.source`, `howso.NAME.requests`) of
// a resolved scenario into a SourceSpec, loading `trace_file` rows relative to the
// scenario's folder.
//
// Models: nothing; conversion only. Errors (no rate points, a cron without jobs, an
// unreadable or malformed trace file) are reported through `error(path, message)` with
// the full field path. Trace file rows are `time_s,count`, time non-decreasing, count >= 0;
// a first line that does not start with a digit is a header.
// Invariants: the returned spec is complete when no error was reported.
#pragma once

#include <filesystem>
#include <string>

#include "scenario/ErrorSink.hpp"
#include "scenario/JsonValues.hpp"
#include "systems/serving/RequestSource.hpp"

namespace fleetsim::scenario {

// `s` is the source object at `path`; `scenario_dir` is the folder of the scenario file.
systems::serving::SourceSpec source_spec(const Json& s, const std::string& path,
                                         const std::filesystem::path& scenario_dir,
                                         const ErrorSink& error);

}  // namespace fleetsim::scenario
