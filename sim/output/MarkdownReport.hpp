// MarkdownReport: a Comparison as Markdown fit for a CI job summary (GitHub's
// $GITHUB_STEP_SUMMARY, a GitLab MR note) and for a terminal.
//
// A heading with the outcome, the comparison mode and counts, a table (figure, baseline,
// current, change, verdict) of the figures that did not stay the same (regressions
// first), and optionally every figure in a collapsed <details> table.
#pragma once

#include <string>

#include "output/Comparison.hpp"

namespace fleetsim::output {

std::string markdown_report(const Comparison& comparison, const std::string& title,
                            bool all_figures);

}  // namespace fleetsim::output
