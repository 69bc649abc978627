// InputError: the "bad input" error tier — the user's scenario is wrong, not the simulator.
//
// Models: one or more diagnostics, each a Location, the dotted path of the offending value
// (may be empty) and a message. Invariants: what() == format(); format() has one line per
// diagnostic, "FILE:LINE:COL: PATH: message" (or "FILE:LINE:COL: message" when the path is
// empty), lines separated by '\n' with no trailing newline. Diagnostics keep their order.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "scenario/Location.hpp"

namespace fleetsim::scenario {

// One complaint about the input; the record type carried by InputError.
struct Diagnostic {
  Location where;
  std::string path;
  std::string message;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostic diagnostic);
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(Location where, std::string path, std::string message);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // Same text as what().
  std::string format() const { return what(); }
  // One diagnostic as a single line (no newline).
  static std::string format(const Diagnostic& diagnostic);

 private:
  static std::string format_all(const std::vector<Diagnostic>& diagnostics);

  std::vector<Diagnostic> diagnostics_;
};

}  // namespace fleetsim::scenario
