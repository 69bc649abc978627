// KubeconfigError: the "bad input" tier of `fleetsim calibrate` — the kubeconfig (or a file
// or plugin it names) is wrong, not the simulator.
//
// Models: one complaint, "SOURCE:LINE:COL: FIELD: message" (LINE:COL when known, FIELD the
// path of the offending value such as users[0].user.client-key-data, or empty). The
// message never contains credential material: callers name fields, never quote values
// of secret fields. The command maps it to exit code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace fleetsim::calibrate {

class KubeconfigError : public std::runtime_error {
 public:
  // line and column are 1-based; 0 = unknown (left out of the text).
  KubeconfigError(const std::string& source, int line, int column, const std::string& field,
                  const std::string& message)
      : std::runtime_error(format(source, line, column, field, message)) {}
  KubeconfigError(const std::string& source, const std::string& field, const std::string& message)
      : KubeconfigError(source, 0, 0, field, message) {}

 private:
  static std::string format(const std::string& source, int line, int column,
                            const std::string& field, const std::string& message) {
    std::string s = source;
    if (line > 0) {
      s.append(":").append(std::to_string(line));
      s.append(":").append(std::to_string(column));
    }
    s.append(": ");
    if (!field.empty()) s.append(field).append(": ");
    s.append(message);
    return s;
  }
};

}  // namespace fleetsim::calibrate
