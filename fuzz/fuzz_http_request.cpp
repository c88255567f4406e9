// An HTTP/1.1 request as POST /api/upload reads it: the head (16 KB limit) through Beast's parser,
// then the body (Content-Length or chunked) through a small fixed buffer, plus the server's own
// header helpers (X-Filename percent-decoding, the filename query parameter, the multipart
// boundary). The body and verdict must not depend on how the bytes were segmented.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "fuzz_check.hpp"
#include "http/multipart.hpp"
#include "util/text.hpp"

namespace bhttp = boost::beast::http;
namespace util = racesense::util;

namespace {
struct Outcome {
  bool head_ok = false, body_ok = false;
  std::string body;
  bool operator==(const Outcome&) const = default;
};

void use_headers(const bhttp::request<bhttp::empty_body>& req) {
  auto name = req.find("X-Filename");
  if (name != req.end()) {
    if (auto decoded = util::percent_decode(name->value())) {
      std::string shown = util::display_filename(*decoded);
      FUZZ_CHECK(shown.find('/') == std::string::npos);
    }
  }
  std::string_view target = req.target();
  if (auto q = target.find('?'); q != std::string_view::npos) {
    for (auto& [k, v] : util::parse_query(target.substr(q + 1))) (void)util::display_filename(v);
  }
  auto type = req.find(bhttp::field::content_type);
  if (type != req.end() && racesense::http::is_multipart(type->value()))
    (void)racesense::http::multipart_boundary(type->value());
}

// Feeds the bytes in pieces of at most `step` (0 = all at once), as the server's read loop does.
Outcome read_request(const std::string& bytes, std::size_t step, bool check_headers) {
  Outcome out;
  std::size_t avail = 0, at = 0;  // bytes received so far, bytes consumed
  auto receive_more = [&] {
    if (avail == bytes.size()) return false;
    avail = step == 0 ? bytes.size() : std::min(bytes.size(), avail + step);
    return true;
  };
  auto unread = [&] { return boost::asio::buffer(bytes.data() + at, avail - at); };
  boost::beast::error_code ec;

  bhttp::request_parser<bhttp::empty_body> head;
  head.header_limit(16 * 1024);
  head.body_limit(std::numeric_limits<std::uint64_t>::max());
  receive_more();
  for (;;) {
    at += head.put(unread(), ec);
    if (!ec && head.is_header_done()) break;
    if (ec && ec != bhttp::error::need_more) return out;
    ec = {};
    if (!receive_more()) return out;
  }
  out.head_ok = true;
  if (check_headers) use_headers(head.get());

  bhttp::request_parser<bhttp::buffer_body> body(std::move(head));
  body.body_limit(1 << 20);
  char chunk[64];
  while (!body.is_done()) {
    body.get().body().data = chunk;
    body.get().body().size = sizeof chunk;
    std::size_t used = body.put(unread(), ec);
    at += used;
    out.body.append(chunk, sizeof chunk - body.get().body().size);
    if (ec == bhttp::error::need_buffer) {
      ec = {};
      continue;
    }
    if (ec == bhttp::error::need_more || (!ec && used == 0 && !body.is_done())) {
      ec = {};
      if (receive_more()) continue;
      body.put_eof(ec);
      if (ec) return out;
      break;
    }
    if (ec) return out;
  }
  out.body_ok = body.is_done();
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  Outcome whole = read_request(bytes, 0, true);
  Outcome split = read_request(bytes, 7, false);
  FUZZ_CHECK(whole.head_ok == split.head_ok);
  if (whole.body_ok && split.body_ok) FUZZ_CHECK(whole.body == split.body);
  return 0;
}
