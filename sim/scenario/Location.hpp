// Location: a position in a scenario input file, used to point users at bad input.
//
// Models: file name plus 1-based line and column. Units: column counts bytes, 1 is the first
// byte of the line. Invariants: line == 0 and column == 0 mean "the file as a whole" (e.g. it
// cannot be read); otherwise both are >= 1.
#pragma once

#include <string>

namespace fleetsim::scenario {

struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  // "FILE:LINE:COL".
  std::string to_string() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
  friend bool operator==(const Location&, const Location&) = default;
};

}  // namespace fleetsim::scenario
