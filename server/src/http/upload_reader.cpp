#include "http/upload_reader.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <chrono>
#include <span>

#include "http/body_io.hpp"
#include "http/multipart.hpp"
#include "http/upload_pipeline.hpp"
#include "http/responses.hpp"
#include "racesense/protocol.hpp"
#include "util/text.hpp"

namespace racesense::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using service::ApiError;
using service::ErrorCode;

namespace {
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::uint64_t kMultipartSlack = 1 << 20;  // part headers and boundaries around the file

struct BodyShape {
  bool multipart = false;
  std::string boundary;
};

std::string header(const bhttp::fields& f, std::string_view name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : std::string(it->value());
}

BodyShape body_shape(const bhttp::fields& f) {
  std::string type = header(f, "Content-Type");
  if (!is_multipart(type)) return {};
  auto boundary = multipart_boundary(type);
  if (!boundary)
    throw ApiError(ErrorCode::UnsupportedMediaType,
                   "multipart/form-data without a boundary parameter; send the file as "
                   "multipart with a boundary or as a raw body with X-Filename.");
  return {true, *boundary};
}

service::UploadRequest upload_request(const bhttp::request<bhttp::empty_body>& req, const BodyShape& shape,
                                      const std::optional<std::uint64_t>& length) {
  service::UploadRequest r;
  std::string raw_name = header(req, rs::protocol::kFilenameHeader);
  if (!raw_name.empty()) {
    auto decoded = util::percent_decode(raw_name);
    if (!decoded) throw ApiError(ErrorCode::BadRequest, "X-Filename is not valid percent-encoding.");
    r.filename = util::display_filename(*decoded);
  } else {
    std::string_view target = req.target();
    auto q = target.find('?');
    if (q != std::string_view::npos) {
      auto params = util::parse_query(target.substr(q + 1));
      if (params.count("filename")) r.filename = util::display_filename(params["filename"]);
    }
  }
  std::string sha = header(req, rs::protocol::kSha256Header);
  if (!sha.empty()) r.expected_sha256 = util::to_lower(util::trim(sha));
  if (length && !shape.multipart) r.content_length = length;
  if (length && shape.multipart && *length > kMultipartSlack) r.content_length = *length - kMultipartSlack;
  return r;
}

// Multipart bodies: the file part's bytes, found by the parser, go into the pipeline.
class MultipartSink {
 public:
  MultipartSink(const BodyShape& shape, UploadPipeline& pipe) : pipe_(pipe) {
    MultipartParser::Handlers h;
    h.on_part_begin = [this](const PartInfo& p) {
      in_file_ = p.name == "file" && !seen_file_;
      if (in_file_ && p.filename) pipe_.upload().suggest_filename(*p.filename);
    };
    h.on_data = [this](std::string_view d) {
      if (in_file_) staged_.append(d);
    };
    h.on_part_end = [this] {
      if (in_file_) seen_file_ = true;
      in_file_ = false;
    };
    parser_.emplace(shape.boundary, std::move(h));
  }

  asio::awaitable<void> feed(const char* data, std::size_t n) {
    try {
      parser_->feed(std::string_view(data, n));
    } catch (const MultipartError& e) {
      throw ApiError(ErrorCode::BadRequest, e.what());
    }
    co_await pipe_.write(staged_.data(), staged_.size());
    staged_.clear();
  }

  void finish() {
    try {
      parser_->finish();
    } catch (const MultipartError& e) {
      throw ApiError(ErrorCode::BadRequest, e.what());
    }
    if (!seen_file_)
      throw ApiError(ErrorCode::BadRequest,
                     "The multipart body has no part named 'file' (use curl -F file=@session.csv).");
  }

 private:
  UploadPipeline& pipe_;
  std::optional<MultipartParser> parser_;
  std::string staged_;  // at most one read's worth
  bool in_file_ = false, seen_file_ = false;
};

asio::awaitable<void> send_continue(beast::tcp_stream& stream, unsigned version) {
  bhttp::response<bhttp::empty_body> res{bhttp::status::continue_, version};
  co_await bhttp::async_write(stream, res, asio::use_awaitable);
}

// One read of body bytes into `into`; returns how many arrived, 0 at the end of the body. Throws
// ApiError for a malformed body (400) or one over the limit (413); nullopt when the client went away.
asio::awaitable<std::optional<std::size_t>> read_body(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                                      bhttp::request_parser<bhttp::buffer_body>& parser,
                                                      std::span<char> into, std::chrono::seconds idle) {
  if (parser.is_done()) co_return 0;
  parser.get().body().data = into.data();
  parser.get().body().size = into.size();
  beast::error_code ec;
  stream.expires_after(idle);  // idle timeout between bytes, no total deadline
  co_await bhttp::async_read_some(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == bhttp::error::body_limit) throw ApiError(ErrorCode::TooLarge, "The body is larger than this server's limit.");
  if (is_malformed_request(ec)) throw ApiError(ErrorCode::BadRequest, "Malformed request body: " + ec.message() + ".");
  if (ec && ec != bhttp::error::need_buffer) co_return std::nullopt;
  co_return into.size() - parser.get().body().size;
}

// Streams the whole body into the pipeline. Returns false when the client went away.
asio::awaitable<bool> stream_body(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                  bhttp::request_parser<bhttp::buffer_body>& parser, const BodyShape& shape,
                                  UploadPipeline& pipe, std::chrono::seconds idle) {
  if (!shape.multipart && !parser.chunked()) co_return co_await stream_exact(stream, buffer, parser.content_length().value_or(0), pipe, idle);
  if (!shape.multipart) {
    while (!parser.is_done()) {
      auto got = co_await read_body(stream, buffer, parser, co_await pipe.space(), idle);
      if (!got) co_return false;
      pipe.fill(*got);
    }
    co_return true;
  }
  MultipartSink sink(shape, pipe);
  std::array<char, kChunk> chunk;
  while (!parser.is_done()) {
    auto got = co_await read_body(stream, buffer, parser, chunk, idle);
    if (!got) co_return false;
    co_await sink.feed(chunk.data(), *got);
  }
  sink.finish();
  co_return true;
}
}  // namespace

asio::awaitable<bool> handle_upload(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                    HeaderParser& header_parser, AppContext& app) {
  const auto& head = header_parser.get();
  unsigned version = head.version();
  bool keep_alive = head.keep_alive();
  bool expect_continue = expects_continue(head);
  std::string target(head.target());  // the header moves into the body parser below
  auto started = std::chrono::steady_clock::now();
  auto finish_log = [&](unsigned status, std::uint64_t bytes) {
    if (!app.log_requests) return;
    std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - started;
    log_request("POST", target, status, bytes, ms.count());
  };
  std::shared_ptr<UploadPipeline> pipe;
  StringResponse res;
  bool headers_ok = false;
  try {
    if (!authorized(head, app.token)) throw unauthorized_error();
    check_transfer_encoding(head);
    BodyShape shape = body_shape(head);
    std::optional<std::uint64_t> length;
    if (auto cl = header_parser.content_length()) length = *cl;
    // Opening the temp file stays on this thread: it takes microseconds, and the file then exists
    // from the moment the head is read (a hop to the blocking pool left it to appear later).
    pipe = std::make_shared<UploadPipeline>(app.uploads.begin(upload_request(head, shape, length)),
                                            stream.get_executor(), app.crunch);
    headers_ok = true;
    if (expect_continue) co_await send_continue(stream, version);

    bhttp::request_parser<bhttp::buffer_body> parser(std::move(header_parser));
    parser.body_limit(app.uploads.max_bytes() + (shape.multipart ? kMultipartSlack : 0));
    if (!co_await stream_body(stream, buffer, parser, shape, *pipe, app.idle_timeout)) {
      co_await pipe->settle();
      finish_log(499, pipe->upload().bytes());  // client went away: nothing of it stays
      co_return false;
    }
    co_await pipe->finish();
    auto result = co_await on_pool(app.blocking, [&] { return pipe->upload().commit(); });
    res = json_response(200, service::upload_result_json(result), version, keep_alive);
  } catch (const ApiError& e) {
    res = error_response(e, version, false);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "upload failed: %s\n", e.what());
    res = error_response(ApiError(ErrorCode::Internal, "The server could not store the file; it stays on the logger. Try again."), version, false);
  }
  if (pipe) co_await pipe->settle();  // workers done: the temp file of a failed upload is gone below
  unsigned status = res.result_int();
  finish_log(status, pipe ? pipe->upload().bytes() : 0);
  pipe.reset();  // a failed upload leaves no file behind
  if (status != 200) {
    if (headers_ok || !expect_continue) co_await answer_and_close(stream, std::move(res), true);
    else {
      beast::error_code ec;
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return false;
  }
  co_await bhttp::async_write(stream, res, asio::use_awaitable);
  co_return keep_alive;
}

}  // namespace racesense::http
