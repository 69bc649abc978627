// SweepJobManifest: the Kubernetes Indexed Job (batch/v1, completionMode: Indexed) that runs
// a sweep's shards, one completion index per shard, results on a PersistentVolumeClaim
// mounted at /results (`fleetsim sweep emit-job`, docs/sweeps.md).
//
// Invariants: yaml() depends only on the fields and the spec (no clock, no environment);
// strings that come from the user (image, working directory, claim, command) are written as
// double-quoted YAML scalars; the default name is at most 52 characters, lower-case letters,
// digits and '-' (room for the index and suffix the Job controller appends to pod names); a
// given name is written as it is, for the API server to check.
#pragma once

#include <string>

#include "cli/SweepSpec.hpp"

namespace fleetsim::cli {

class SweepJobManifest {
 public:
  std::string sweep_file;    // as the pods will see it, relative to workdir
  unsigned shards = 0;       // completions; must be >= 1
  unsigned parallelism = 0;  // 0: every shard at once
  std::string image = "fleetsim:latest";
  std::string claim = "fleetsim-sweep-results";
  std::string workdir = "/src";
  std::string name;  // empty: derived from the sweep's name

  // "fleetsim-sweep-" + the sweep's name without a leading "sweep-", lower case, every
  // character but letters and digits made '-', cut to 52 characters, no trailing '-'.
  static std::string default_name(const std::string& sweep_name);
  std::string yaml(const SweepSpec& spec) const;
};

}  // namespace fleetsim::cli
