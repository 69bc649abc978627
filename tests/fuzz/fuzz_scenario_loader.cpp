// fuzz_scenario_loader: libFuzzer target. Feeds the input bytes to the scenario loader as
// `fleetsim validate FILE` does: JSONC parse, environment and model inlining from models/,
// schema validation, the memory check (--max-memory 1GiB), then build_world on a
// ManualScheduler (nothing is simulated).
// Invariant checked: bad input ends in scenario::InputError; anything else (another
// exception, a crash, an assertion, a sanitizer report, a hang, unbounded allocation) is a
// finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "engine/ManualScheduler.hpp"
#include "scenario/Builder.hpp"
#include "scenario/InputError.hpp"
#include "scenario/MemoryEstimate.hpp"
#include "scenario/Scenario.hpp"
#include "systems/World.hpp"

namespace {

std::string scenario_path;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Named models resolve against the repository's models/ (FLEETSIM_SOURCE_ROOT is set by
  // tests/fuzz/meson.build); the input is written to one private file per process.
  setenv("FLEETSIM_MODELS", FLEETSIM_SOURCE_ROOT "/models", 1);
  const char* tmp = std::getenv("TMPDIR");
  scenario_path = std::string(tmp && *tmp ? tmp : "/tmp") + "/fuzz_scenario_loader." +
                  std::to_string(getpid()) + ".json";
  std::atexit([] { unlink(scenario_path.c_str()); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(scenario_path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  using namespace fleetsim;
  try {
    const auto sc = scenario::load_scenario(scenario_path);
    // As `fleetsim validate --max-memory 1GiB`: below libFuzzer's -rss_limit_mb=2048.
    scenario::check_memory(sc, double(1 << 30));
    engine::ManualScheduler sched;
    systems::World world(sched, 1);
    scenario::build_world(sc, world);
  } catch (const scenario::InputError&) {
    // bad input, reported precisely: the expected outcome
  }
  return 0;
}
