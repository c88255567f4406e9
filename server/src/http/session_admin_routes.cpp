#include "http/session_admin_routes.hpp"

#include <charconv>

namespace racesense::http {
namespace {
using service::ApiError;
using service::ErrorCode;

constexpr std::string_view kSessionsPrefix = "/api/sessions/";

std::optional<std::int64_t> session_id(std::string_view path) {
  if (path.rfind(kSessionsPrefix, 0) != 0) return std::nullopt;
  auto rest = path.substr(kSessionsPrefix.size());
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
  if (ec != std::errc() || end != rest.data() + rest.size() || id <= 0) return std::nullopt;
  return id;
}
}  // namespace

std::optional<AnyResponse> session_admin_route(const bhttp::request<bhttp::string_body>& req,
                                               AppContext& app, std::string_view path) {
  auto reply = [&](unsigned status, const nlohmann::json& body) -> std::optional<AnyResponse> {
    return json_response(status, body, req.version(), req.keep_alive());
  };
  auto method = req.method();
  if (path == "/api/auth" && method == bhttp::verb::get) return reply(200, {{"ok", true}});
  if (path == "/api/sessions/known") {
    if (method != bhttp::verb::post) throw ApiError(ErrorCode::MethodNotAllowed, "Ask with POST.");
    return reply(200, app.admin.known(req.body()));
  }
  auto id = session_id(path);
  if (!id) return std::nullopt;
  if (method == bhttp::verb::patch) return reply(200, app.admin.update(*id, req.body()));
  if (method == bhttp::verb::delete_) return reply(200, app.admin.remove(*id));
  return std::nullopt;
}

}  // namespace racesense::http
