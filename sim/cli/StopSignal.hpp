// StopSignal: SIGINT and SIGTERM stop a run cleanly instead of killing it.
//
// Models nothing; process plumbing. While an instance lives, the two signals set a flag
// (async-signal-safe) that the run loop polls between chunks of virtual time; the run then
// ends with stop_reason "interrupted", writes its partial results (complete: false) and
// exits 0. The previous handlers come back when the instance is destroyed, so a second
// signal after the run behaves as usual. Not used with --serve, whose server owns them.
#pragma once

#include <csignal>

namespace fleetsim::cli {

class StopSignal {
 public:
  StopSignal();
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  static bool requested();

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace fleetsim::cli
