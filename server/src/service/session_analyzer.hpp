#pragma once

#include <filesystem>
#include <vector>

#include "racesense/analysis/analysis.hpp"

namespace racesense::service {

// Lap analysis of one session as its bytes arrive (docs/protocol.md §4).
using SessionAnalyzer = analysis::StreamAnalyzer;

// Analyses a stored session file (re-analysis after a track changed, recovery).
analysis::SessionAnalysis analyse_file(const std::filesystem::path& file, const std::vector<analysis::Track>& tracks,
                                       const analysis::Options& options);

}  // namespace racesense::service
