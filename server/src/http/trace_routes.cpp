#include "http/trace_routes.hpp"

#include <charconv>

#include "service/trace_service.hpp"
#include "util/text.hpp"

namespace racesense::http {
namespace {
using service::ApiError;
using service::ErrorCode;

constexpr double kMaxStepM = 1000;

service::TraceRequest trace_request(std::string_view target) {
  service::TraceRequest req;
  auto q = target.find('?');
  if (q == std::string_view::npos) return req;
  auto params = util::parse_query(target.substr(q + 1));
  if (auto it = params.find("step_m"); it != params.end()) {
    const auto& s = it->second;
    double step = -1;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), step);
    if (ec != std::errc() || end != s.data() + s.size() || !(step >= 0 && step <= kMaxStepM))
      throw ApiError(ErrorCode::BadRequest, "step_m must be a number of metres from 0 (every sample) to 1000.");
    req.step_m = step;
  }
  return req;
}
}  // namespace

std::optional<AnyResponse> session_trace_route(const bhttp::request<bhttp::string_body>& req, AppContext& app,
                                               std::int64_t id, std::string_view sub) {
  if (sub != "/trace" || !app.traces) return std::nullopt;
  if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head)
    throw ApiError(ErrorCode::MethodNotAllowed, "Read the trace with GET.");
  return json_response(200, app.traces->trace(id, trace_request(req.target())), req.version(), req.keep_alive());
}

}  // namespace racesense::http
