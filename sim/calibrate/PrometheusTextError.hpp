// PrometheusTextError: text that is not in a Prometheus exposition format, at a 1-based line
// and byte column. what() is "LINE:COL: message"; the command puts the file name in front
// and exits 2.
#pragma once

#include <stdexcept>
#include <string>

namespace fleetsim::calibrate {

class PrometheusTextError : public std::runtime_error {
 public:
  PrometheusTextError(int line, int column, const std::string& message)
      : std::runtime_error(std::to_string(line) + ":" + std::to_string(column) + ": " + message),
        line_(line),
        column_(column),
        message_(message) {}
  int line() const { return line_; }
  int column() const { return column_; }
  // The message without the position.
  const std::string& message() const { return message_; }

 private:
  int line_;
  int column_;
  std::string message_;
};

}  // namespace fleetsim::calibrate
