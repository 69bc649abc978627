#include "scenario/InputError.hpp"

#include <utility>

namespace fleetsim::scenario {

InputError::InputError(Diagnostic diagnostic)
    : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(format_all(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(Location where, std::string path, std::string message)
    : InputError(Diagnostic{std::move(where), std::move(path), std::move(message)}) {}

std::string InputError::format(const Diagnostic& d) {
  std::string line = d.where.to_string() + ": ";
  if (!d.path.empty()) line += d.path + ": ";
  return line + d.message;
}

std::string InputError::format_all(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += format(d);
  }
  return text;
}

}  // namespace fleetsim::scenario
