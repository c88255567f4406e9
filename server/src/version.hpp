#pragma once

namespace racesense {
// racesense-server's version: --version, GET /api/health and GET /api/info.
inline constexpr const char* kServerVersion = "1.0.0";
}  // namespace racesense
