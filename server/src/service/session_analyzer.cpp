#include "service/session_analyzer.hpp"

namespace racesense::service {

analysis::SessionAnalysis analyse_file(const std::filesystem::path& file, const std::vector<analysis::Track>& tracks,
                                       const analysis::Options& options) {
  return analysis::analyze_file(file.string(), tracks, options);
}

}  // namespace racesense::service
