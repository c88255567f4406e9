#include "service/session_analyzer.hpp"

namespace racesense::service {

// Until the analysis library analyses while bytes stream in, this reads the written file at the end.
SessionAnalyzer::SessionAnalyzer(std::vector<analysis::Track> tracks, analysis::Options options,
                                 std::filesystem::path file)
    : tracks_(std::move(tracks)), options_(options), file_(std::move(file)) {}

void SessionAnalyzer::feed(const char*, std::size_t) {}

analysis::SessionAnalysis SessionAnalyzer::finish() { return analysis::analyze_file(file_.string(), tracks_, options_); }

analysis::SessionAnalysis analyse_file(const std::filesystem::path& file, std::vector<analysis::Track> tracks,
                                       analysis::Options options) {
  return analysis::analyze_file(file.string(), tracks, options);
}

}  // namespace racesense::service
