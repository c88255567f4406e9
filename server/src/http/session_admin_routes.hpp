#pragma once

#include <optional>
#include <string_view>

#include "http/app_context.hpp"
#include "http/responses.hpp"

namespace racesense::http {

// GET /api/auth, POST /api/sessions/known, PATCH and DELETE /api/sessions/{id}
// (docs/protocol.md §2). Called after the token check; nullopt: not one of these routes.
std::optional<AnyResponse> session_admin_route(const bhttp::request<bhttp::string_body>& req,
                                               AppContext& app, std::string_view path);

}  // namespace racesense::http
