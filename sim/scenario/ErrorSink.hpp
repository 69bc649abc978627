// ErrorSink: where the scenario readers (HiveBuilder, HowsoBuilder, SourceBuilder) report
// bad input: the full dotted field path and a message. The Builder collects these into
// one InputError, so the loader can name file, line and column of each.
#pragma once

#include <functional>
#include <string>

namespace fleetsim::scenario {

using ErrorSink = std::function<void(const std::string& path, const std::string& message)>;

}  // namespace fleetsim::scenario
