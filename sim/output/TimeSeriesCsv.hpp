// TimeSeriesCsv: writes the Sampler's rows as timeseries.csv.
//
// Columns: time_s, then per controller C: C.queue_depth, C.reconciles_per_s,
// C.active_workers, C.waiting; applies_per_s; per host H: H.cores_used.
// Values are printed with 6 significant digits, so the file is byte-identical across runs.
#pragma once

#include <ostream>

#include "output/Sampler.hpp"

namespace fleetsim::output {

void write_timeseries_csv(std::ostream& out, const systems::World& world, const Sampler& s);

}  // namespace fleetsim::output
