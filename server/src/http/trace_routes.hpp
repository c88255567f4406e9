#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "http/app_context.hpp"
#include "http/responses.hpp"

namespace racesense::http {

// /api/sessions/{id}/trace (docs/protocol.md §2). nullopt when `sub` is not one of these routes.
std::optional<AnyResponse> session_trace_route(const bhttp::request<bhttp::string_body>& req, AppContext& app,
                                               std::int64_t id, std::string_view sub);

}  // namespace racesense::http
