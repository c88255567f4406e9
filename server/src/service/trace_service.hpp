#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "service/session_service.hpp"
#include "service/trace_builder.hpp"

namespace racesense::service {

// GET /api/sessions/{id}/trace: the session's trace, split by its current laps. The full trace of a
// stored file never changes (the file is immutable, keyed by its SHA-256), so the last few are kept
// in memory; the lap split is applied per request because a track edit re-times the laps.
class TraceService {
 public:
  explicit TraceService(SessionService& sessions, std::size_t cache_size = 8)
      : sessions_(sessions), cache_size_(cache_size) {}

  nlohmann::json trace(std::int64_t id, const TraceRequest& req);  // throws ApiError 404

 private:
  std::shared_ptr<const FullTrace> full_trace(std::int64_t id, const std::string& sha256);
  nlohmann::json start_line(const nlohmann::json& session, const SlicedTrace& sliced) const;

  SessionService& sessions_;
  std::size_t cache_size_;
  std::mutex mutex_;
  std::list<std::pair<std::string, std::shared_ptr<const FullTrace>>> cache_;  // most recent first
};

}  // namespace racesense::service
