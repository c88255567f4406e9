#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

#include "racesense/analysis/analysis.hpp"

namespace racesense::service {

// Lap analysis of one session as its bytes arrive, in order, in chunks of any size.
class SessionAnalyzer {
 public:
  // file: where the same bytes are being written.
  SessionAnalyzer(std::vector<analysis::Track> tracks, analysis::Options options, std::filesystem::path file);
  void feed(const char* data, std::size_t size);
  analysis::SessionAnalysis finish();

 private:
  std::vector<analysis::Track> tracks_;
  analysis::Options options_;
  std::filesystem::path file_;
};

// Analyses a stored session file (re-analysis after a track changed).
analysis::SessionAnalysis analyse_file(const std::filesystem::path& file, std::vector<analysis::Track> tracks,
                                       analysis::Options options);

}  // namespace racesense::service
