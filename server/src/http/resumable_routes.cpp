#include "http/resumable_routes.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <charconv>

#include "http/body_io.hpp"
#include "http/responses.hpp"
#include "http/upload_pipeline.hpp"
#include "racesense/protocol.hpp"
#include "service/resumable_uploads.hpp"
#include "service/session_service.hpp"
#include "util/text.hpp"

namespace racesense::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using service::ApiError;
using service::ErrorCode;
using Head = bhttp::request<bhttp::empty_body>;

namespace {
std::string_view path_of(const Head& head) {
  std::string_view t = head.target();
  return t.substr(0, t.find('?'));
}

std::string header(const bhttp::fields& f, std::string_view name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : std::string(util::trim(it->value()));
}

std::optional<std::uint64_t> number_header(const Head& head, const char* name) {
  std::string v = header(head, name);
  if (v.empty()) return std::nullopt;
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size())
    throw ApiError(ErrorCode::BadRequest, std::string(name) + " must be a non-negative integer.");
  return n;
}

bool complete_header(const Head& head) {  // a Structured Fields boolean
  std::string v = header(head, rs::protocol::kUploadCompleteHeader);
  if (v == "?1") return true;
  if (v == "?0") return false;
  throw ApiError(ErrorCode::BadRequest, "Upload-Complete must be ?1 (this request ends the file) or ?0.");
}

std::string filename_of(const Head& head) {
  std::string raw = header(head, rs::protocol::kFilenameHeader);
  if (raw.empty()) return {};
  auto decoded = util::percent_decode(raw);
  if (!decoded) throw ApiError(ErrorCode::BadRequest, "X-Filename is not valid percent-encoding.");
  return util::display_filename(*decoded);
}

service::ResumableRequest parse_request(const Head& head, std::optional<std::uint64_t> content_length) {
  service::ResumableRequest r;
  auto path = path_of(head);
  bool creation = head.method() == bhttp::verb::post;
  r.sha256 = util::to_lower(creation ? header(head, rs::protocol::kSha256Header)
                                     : path.substr(std::string_view(rs::protocol::kUploadsPath).size() + 1));
  if (!util::is_sha256_hex(r.sha256))
    throw ApiError(ErrorCode::BadRequest, creation ? "A resumable upload (Upload-Complete) needs X-Content-SHA256: "
                                                     "the file's SHA-256 as 64 hexadecimal digits."
                                                   : "The upload resource is /api/uploads/<the file's SHA-256>.");
  r.upload.filename = filename_of(head);
  r.upload.content_length = content_length;
  r.length = number_header(head, rs::protocol::kUploadLengthHeader);
  if (creation || head.method() == bhttp::verb::patch) {
    r.complete = complete_header(head);
    if (!content_length)
      throw ApiError(ErrorCode::BadRequest, "A resumable upload's body needs a Content-Length (chunked is not supported).");
  }
  if (head.method() == bhttp::verb::patch) {
    r.offset = number_header(head, rs::protocol::kUploadOffsetHeader);
    if (!r.offset) throw ApiError(ErrorCode::BadRequest, "PATCH needs Upload-Offset: where these bytes start.");
  }
  return r;
}

StringResponse offset_response(unsigned status, const service::UploadOffset& o, std::uint64_t max_bytes,
                               unsigned version, bool keep_alive) {
  StringResponse res{static_cast<bhttp::status>(status), version};
  add_common_headers(res.base());
  res.set(rs::protocol::kUploadOffsetHeader, std::to_string(o.offset));
  res.set(rs::protocol::kUploadCompleteHeader, o.complete ? "?1" : "?0");
  if (o.length) res.set(rs::protocol::kUploadLengthHeader, std::to_string(*o.length));
  std::string limit = "max-size=" + std::to_string(max_bytes);
  if (!o.complete) limit += ", expires=" + std::to_string(o.expires_in.count());
  res.set("Upload-Limit", limit);
  res.set(bhttp::field::cache_control, "no-store");
  res.set(bhttp::field::access_control_expose_headers, "Location, Upload-Offset, Upload-Complete, Upload-Length, Upload-Limit");
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

std::string resource_path(const std::string& sha) { return std::string(rs::protocol::kUploadsPath) + "/" + sha; }

// The 200 of a finished upload as a resumable-upload client reads it too: where the resource is and
// that all of its bytes are there (draft clients such as tus-js-client look for both).
StringResponse stored_response(const service::UploadResult& result, const std::string& sha, unsigned version,
                               bool keep_alive) {
  auto res = json_response(200, service::upload_result_json(result), version, keep_alive);
  res.set(bhttp::field::location, resource_path(sha));
  res.set(rs::protocol::kUploadOffsetHeader, std::to_string(result.session.bytes));
  res.set(rs::protocol::kUploadCompleteHeader, "?1");
  res.set(bhttp::field::access_control_expose_headers, "Location, Upload-Offset, Upload-Complete");
  return res;
}

// One request at a time per SHA-256: a newer one (the logger back after a cut the server has not
// noticed yet) closes the holder's socket and waits until it has made its bytes durable.
asio::awaitable<void> acquire_lease(beast::tcp_stream& stream, service::ResumableUploads& uploads,
                                    const std::string& sha, const std::shared_ptr<bool>& alive,
                                    std::chrono::seconds limit) {
  auto exec = stream.get_executor();
  auto* socket = &stream.socket();
  std::weak_ptr<bool> weak = alive;
  auto interrupt = [exec, weak, socket] {
    asio::post(exec, [weak, socket] {
      beast::error_code ec;
      if (weak.lock()) socket->close(ec);  // on the holder's strand, while its request runs
    });
  };
  asio::steady_timer timer(exec);
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!uploads.try_acquire(sha, interrupt)) {
    if (std::chrono::steady_clock::now() > deadline)
      throw ApiError(ErrorCode::Busy, "Another request is still writing this upload; try again in a moment.");
    timer.expires_after(std::chrono::milliseconds(10));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

asio::awaitable<void> send_interim(beast::tcp_stream& stream, const Head& head, const std::string& sha) {
  if (auto interop = header(head, "Upload-Draft-Interop-Version"); !interop.empty()) {
    bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(104), head.version()};
    res.reason("Upload Resumption Supported");
    res.set(bhttp::field::location, resource_path(sha));
    res.set("Upload-Draft-Interop-Version", interop);
    co_await bhttp::async_write(stream, res, asio::use_awaitable);
  }
  if (expects_continue(head)) {
    bhttp::response<bhttp::empty_body> res{bhttp::status::continue_, head.version()};
    co_await bhttp::async_write(stream, res, asio::use_awaitable);
  }
}

struct Exchange {
  service::ResumableRequest request;
  service::ResumableStart start;
  std::shared_ptr<UploadPipeline> pipe;
  bool body_read = false, blob_open = false, cut = false, interim_sent = false;
};

// POST (creation) or PATCH (append): the body goes through the same pipeline as POST /api/upload.
asio::awaitable<StringResponse> write_upload(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                             HeaderParser& header_parser, AppContext& app, Exchange& x) {
  auto& uploads = *app.resumable;
  const auto& head = header_parser.get();
  unsigned version = head.version();
  check_transfer_encoding(head);
  x.start = co_await on_pool(app.blocking, [&] { return uploads.begin(x.request); });
  if (x.start.done) {
    x.body_read = true;
    co_return stored_response(*x.start.done, x.request.sha256, version, head.keep_alive());
  }
  x.blob_open = true;
  x.pipe = std::make_shared<UploadPipeline>(std::move(x.start.upload), stream.get_executor(), app.crunch);
  co_await send_interim(stream, head, x.request.sha256);
  x.interim_sent = true;
  if (x.start.offset > 0)  // the bytes of earlier requests, so hash and laps cover the whole file
    co_await on_pool(app.crunch, [&] {
      uploads.replay(x.pipe->upload(), x.request.sha256, x.start.offset);
      return 0;
    });
  if (!co_await stream_exact(stream, buffer, x.request.upload.content_length.value_or(0), *x.pipe, app.idle_timeout)) {
    x.cut = true;
    co_return StringResponse{};
  }
  co_await x.pipe->finish();
  x.body_read = true;
  if (!x.request.complete) {
    x.blob_open = false;
    co_await on_pool(app.blocking, [&] {
      uploads.keep(*x.start.blob);
      return 0;
    });
    service::UploadOffset at{x.pipe->upload().bytes(), false, x.request.length, uploads.expiry()};
    auto res = offset_response(204, at, uploads.max_bytes(), version, head.keep_alive());
    res.set(bhttp::field::location, resource_path(x.request.sha256));  // where a creation's client continues
    co_return res;
  }
  x.blob_open = false;
  auto result = co_await on_pool(app.blocking, [&] { return uploads.complete(x.request, x.pipe->upload()); });
  co_return stored_response(result, x.request.sha256, version, head.keep_alive());
}

asio::awaitable<StringResponse> serve(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                      HeaderParser& header_parser, AppContext& app, Exchange& x) {
  auto& uploads = *app.resumable;
  const auto& head = header_parser.get();
  const auto& sha = x.request.sha256;
  if (head.method() == bhttp::verb::head) {
    x.body_read = true;
    auto at = co_await on_pool(app.blocking, [&] { return uploads.offset(sha); });
    co_return offset_response(204, at, uploads.max_bytes(), head.version(), head.keep_alive());
  }
  if (head.method() == bhttp::verb::delete_) {
    x.body_read = !header_parser.content_length().value_or(0);
    co_await on_pool(app.blocking, [&] {
      uploads.cancel(sha);
      return 0;
    });
    StringResponse res{bhttp::status::no_content, head.version()};
    add_common_headers(res.base());
    res.keep_alive(head.keep_alive());
    res.prepare_payload();
    co_return res;
  }
  co_return co_await write_upload(stream, buffer, header_parser, app, x);
}
}  // namespace

bool is_resumable(const Head& head, const AppContext& app) {
  if (!app.resumable || head.method() == bhttp::verb::options) return false;  // CORS preflight: the usual answer
  auto path = path_of(head);
  if (path.rfind(std::string(rs::protocol::kUploadsPath) + "/", 0) == 0) return true;
  return head.method() == bhttp::verb::post && path == rs::protocol::kUploadPath &&
         head.find(rs::protocol::kUploadCompleteHeader) != head.end();
}

asio::awaitable<bool> handle_resumable(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                       HeaderParser& header_parser, AppContext& app) {
  const auto& head = header_parser.get();
  unsigned version = head.version();
  bool keep_alive = head.keep_alive(), expect_continue = expects_continue(head);
  bool bodiless = !header_parser.chunked() && header_parser.content_length().value_or(0) == 0;
  std::string method(head.method_string()), target(head.target());
  auto started = std::chrono::steady_clock::now();
  auto alive = std::make_shared<bool>(true);
  Exchange x;
  bool leased = false;
  StringResponse res;
  std::optional<ApiError> failure;
  std::optional<std::uint64_t> expected_offset;
  try {
    if (!authorized(head, app.token)) throw unauthorized_error();
    auto m = head.method();
    if (m != bhttp::verb::post && m != bhttp::verb::patch && m != bhttp::verb::head && m != bhttp::verb::delete_)
      throw ApiError(ErrorCode::MethodNotAllowed, "An upload resource takes HEAD, PATCH or DELETE.");
    std::optional<std::uint64_t> length;
    if (auto cl = header_parser.content_length()) length = *cl;
    x.request = parse_request(head, length);
    co_await acquire_lease(stream, *app.resumable, x.request.sha256, alive, app.idle_timeout);
    leased = true;
    res = co_await serve(stream, buffer, header_parser, app, x);
  } catch (const service::OffsetMismatchError& e) {
    failure = e;
    expected_offset = e.expected();
  } catch (const ApiError& e) {
    failure = e;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "resumable upload failed: %s\n", e.what());
    failure = ApiError(ErrorCode::Internal, "The server could not store the file; it stays on the logger. Try again.");
  }
  if (x.pipe && x.blob_open) {  // the bytes still in the buffer being filled are stored too
    try {
      co_await x.pipe->finish();
    } catch (const std::exception&) {
      // a worker failed (disk full): what it stored before stays
    }
  }
  if (x.pipe) co_await x.pipe->settle();
  if (x.blob_open)  // cut or failed mid-body: what arrived stays, durable, for the next request
    co_await on_pool(app.blocking, [&] {
      app.resumable->keep(*x.start.blob);
      return 0;
    });
  x.pipe.reset();
  if (leased) app.resumable->release(x.request.sha256);
  bool nothing_pending = x.body_read || bodiless;
  if (failure) {
    res = error_response(*failure, version, keep_alive && nothing_pending);
    if (expected_offset) res.set(rs::protocol::kUploadOffsetHeader, std::to_string(*expected_offset));
  }
  if (app.log_requests) {
    std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - started;
    log_request(method, target, x.cut ? 499 : res.result_int(), x.request.upload.content_length.value_or(0), ms.count());
  }
  if (x.cut) co_return false;
  if (!nothing_pending) {
    // Before "100 Continue" the client has not sent its body; otherwise drain what is on its way.
    co_await answer_and_close(stream, std::move(res), x.interim_sent || !expect_continue);
    co_return false;
  }
  beast::error_code ec;
  co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
  co_return res.keep_alive() && !ec;
}

}  // namespace racesense::http
