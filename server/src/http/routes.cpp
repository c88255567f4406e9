#include "http/routes.hpp"

#include <charconv>

#include "http/responses.hpp"
#include "http/session_admin_routes.hpp"
#include "http/site_info.hpp"
#include "http/static_files.hpp"
#include "version.hpp"
#include "http/trace_routes.hpp"
#include "util/text.hpp"

namespace racesense::http {
namespace {
using service::ApiError;
using service::ErrorCode;
using Request = bhttp::request<bhttp::string_body>;

std::string_view path_of(const Request& req) {
  std::string_view t = req.target();
  return t.substr(0, t.find('?'));
}

std::int64_t parse_id(std::string_view s) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size() || id <= 0)
    throw ApiError(ErrorCode::NotFound, "No session with id '" + std::string(s) + "'.");
  return id;
}

void require_method(const Request& req, bhttp::verb verb) {
  if (req.method() != verb && !(verb == bhttp::verb::get && req.method() == bhttp::verb::head))
    throw ApiError(ErrorCode::MethodNotAllowed, std::string(req.method_string()) + " is not allowed here.");
}

AnyResponse csv_file(const Request& req, AppContext& app, std::int64_t id) {
  auto path = app.sessions.original_file(id);
  bhttp::file_body::value_type body;
  boost::beast::error_code ec;
  body.open(path.c_str(), boost::beast::file_mode::scan, ec);
  if (ec) throw ApiError(ErrorCode::Internal, "The stored file of session " + std::to_string(id) + " cannot be read.");
  bhttp::response<bhttp::file_body> res{bhttp::status::ok, req.version()};
  add_common_headers(res.base());
  res.set(bhttp::field::content_type, "text/csv");
  res.set(bhttp::field::content_disposition, "attachment; filename=\"session-" + std::to_string(id) + ".csv\"");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

AnyResponse sessions_route(const Request& req, AppContext& app, std::string_view rest) {
  require_method(req, bhttp::verb::get);
  if (rest.empty()) return json_response(200, app.sessions.list(), req.version(), req.keep_alive());
  auto slash = rest.find('/');
  std::int64_t id = parse_id(rest.substr(0, slash));
  if (slash == std::string_view::npos) return json_response(200, app.sessions.get(id), req.version(), req.keep_alive());
  if (rest.substr(slash) == "/csv") return csv_file(req, app, id);
  if (auto r = session_trace_route(req, app, id, rest.substr(slash))) return std::move(*r);
  throw ApiError(ErrorCode::NotFound, "No such route.");
}

AnyResponse tracks_route(const Request& req, AppContext& app, std::string_view id) {
  if (!id.empty()) {
    require_method(req, bhttp::verb::put);
    return json_response(200, app.sessions.update_track(std::string(id), req.body()), req.version(), req.keep_alive());
  }
  if (req.method() == bhttp::verb::post)
    return json_response(201, app.sessions.add_track(req.body()), req.version(), req.keep_alive());
  require_method(req, bhttp::verb::get);
  return json_response(200, app.sessions.tracks(), req.version(), req.keep_alive());
}

AnyResponse api_route(const Request& req, AppContext& app, std::string_view path) {
  if (path == "/api/health") {
    return json_response(200, {{"ok", true}, {"version", kServerVersion}}, req.version(), req.keep_alive());
  }
  if (path == "/api/info") {
    require_method(req, bhttp::verb::get);
    return json_response(200, site_info(app), req.version(), req.keep_alive());
  }
  if (!authorized(req, app.token)) throw unauthorized_error();
  if (auto admin = session_admin_route(req, app, path)) return std::move(*admin);
  if (path == "/api/sessions") return sessions_route(req, app, "");
  if (path.rfind("/api/sessions/", 0) == 0) return sessions_route(req, app, path.substr(14));
  if (path == "/api/tracks") return tracks_route(req, app, "");
  if (path.rfind("/api/tracks/", 0) == 0 && path.size() > 12) {
    auto id = util::percent_decode(path.substr(12));
    if (!id) throw ApiError(ErrorCode::NotFound, "No such track.");
    return tracks_route(req, app, *id);
  }
  if (path == "/api/upload") throw ApiError(ErrorCode::MethodNotAllowed, "Upload with POST.");
  throw ApiError(ErrorCode::NotFound, "No API route " + std::string(path) + ".");
}

AnyResponse preflight(const Request& req) {
  bhttp::response<bhttp::empty_body> res{bhttp::status::no_content, req.version()};
  add_common_headers(res.base());
  res.set(bhttp::field::access_control_allow_methods, "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  res.set(bhttp::field::access_control_allow_headers,
          "Authorization, Content-Type, X-Filename, X-Content-SHA256");
  res.set(bhttp::field::access_control_max_age, "600");
  res.keep_alive(req.keep_alive());
  return res;
}
}  // namespace

AnyResponse handle_request(const Request& req, AppContext& app) {
  auto path = path_of(req);
  try {
    if (req.method() == bhttp::verb::options) return preflight(req);
    if (path == "/api" || path.rfind("/api/", 0) == 0) return api_route(req, app, path);
    if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head)
      throw ApiError(ErrorCode::MethodNotAllowed, "Only GET is allowed for web pages.");
    return serve_static(app.web_dir, req);
  } catch (const ApiError& e) {
    return error_response(e, req.version(), req.keep_alive());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "request failed: %s\n", e.what());
    return error_response(ApiError(ErrorCode::Internal, "Internal server error."), req.version(), req.keep_alive());
  }
}

}  // namespace racesense::http
