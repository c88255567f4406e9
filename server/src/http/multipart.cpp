#include "http/multipart.hpp"

#include "util/text.hpp"

namespace racesense::http {
namespace {
constexpr std::size_t kMaxHeaderBlock = 16 * 1024;
constexpr std::size_t kMaxBoundary = 70;  // RFC 2046

// Splits "a; b=c; d=\"e;f\"" into parameters, honouring quotes.
template <class F>
void for_each_param(std::string_view value, F&& f) {
  std::size_t i = 0;
  while (i < value.size()) {
    std::size_t start = i;
    bool quoted = false;
    while (i < value.size() && (quoted || value[i] != ';')) {
      if (value[i] == '"') quoted = !quoted;
      else if (value[i] == '\\' && quoted) ++i;
      ++i;
    }
    auto param = util::trim(value.substr(start, i - start));
    auto eq = param.find('=');
    if (eq != std::string_view::npos) {
      auto key = util::to_lower(util::trim(param.substr(0, eq)));
      auto val = util::trim(param.substr(eq + 1));
      std::string unquoted;
      if (val.size() >= 2 && val.front() == '"' && val.back() == '"') {
        for (std::size_t k = 1; k + 1 < val.size(); ++k) {
          if (val[k] == '\\' && k + 2 < val.size()) ++k;
          unquoted.push_back(val[k]);
        }
      } else {
        unquoted = std::string(val);
      }
      f(key, unquoted);
    }
    ++i;
  }
}
}  // namespace

bool is_multipart(std::string_view content_type) {
  return util::to_lower(util::trim(content_type)).rfind("multipart/", 0) == 0;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  std::optional<std::string> boundary;
  for_each_param(content_type, [&](const std::string& key, const std::string& val) {
    if (key == "boundary" && !val.empty() && val.size() <= kMaxBoundary) boundary = val;
  });
  return boundary;
}

PartInfo parse_content_disposition(std::string_view value) {
  PartInfo info;
  for_each_param(value, [&](const std::string& key, const std::string& val) {
    if (key == "name") info.name = val;
    else if (key == "filename" && !info.filename) info.filename = val;
    else if (key == "filename*") {
      auto quote = val.find("''");
      auto decoded = util::percent_decode(quote == std::string::npos ? val : val.substr(quote + 2));
      if (decoded) info.filename = *decoded;  // RFC 5987 wins over the plain form
    }
  });
  return info;
}

MultipartParser::MultipartParser(std::string boundary, Handlers handlers)
    : dash_boundary_("--" + boundary), delimiter_("\r\n--" + boundary), handlers_(std::move(handlers)) {}

void MultipartParser::feed(std::string_view chunk) {
  if (state_ == State::Done) return;  // epilogue is ignored
  buf_.append(chunk);
  while (state_ != State::Done && step()) {
  }
}

void MultipartParser::finish() {
  if (state_ != State::Done)
    throw MultipartError("The multipart body ended before its closing boundary: the upload is incomplete.");
}

bool MultipartParser::step() {
  switch (state_) {
    case State::Preamble: return parse_preamble();
    case State::Headers: return parse_headers();
    case State::Body: return parse_body();
    case State::AfterDelimiter: return parse_after_delimiter();
    case State::Done: return false;
  }
  return false;
}

bool MultipartParser::parse_preamble() {
  // The first delimiter may open the body directly ("--boundary", only at its very first byte) or
  // follow a preamble after a CRLF. Whether the body opens with it is decided once, on whole bytes,
  // so the result never depends on how the body was split into reads.
  if (at_body_start_) {
    std::size_t n = std::min(buf_.size(), dash_boundary_.size());
    if (buf_.compare(0, n, dash_boundary_, 0, n) == 0) {
      if (n < dash_boundary_.size()) return false;  // could still be the opening delimiter
      buf_.erase(0, dash_boundary_.size());
      state_ = State::AfterDelimiter;
      return true;
    }
    at_body_start_ = false;
  }
  auto pos = buf_.find(delimiter_);
  if (pos == std::string::npos) {
    if (buf_.size() > delimiter_.size()) buf_.erase(0, buf_.size() - delimiter_.size());
    return false;
  }
  buf_.erase(0, pos + delimiter_.size());
  state_ = State::AfterDelimiter;
  return true;
}

bool MultipartParser::parse_after_delimiter() {
  std::size_t i = 0;
  while (i < buf_.size() && (buf_[i] == ' ' || buf_[i] == '\t')) ++i;  // transport padding
  if (buf_.size() < i + 2) return false;
  if (buf_.compare(i, 2, "--") == 0) {
    state_ = State::Done;
    buf_.clear();
    return false;
  }
  if (buf_.compare(i, 2, "\r\n") != 0)
    throw MultipartError("Malformed multipart body: a boundary line is followed by unexpected bytes.");
  buf_.erase(0, i + 2);
  state_ = State::Headers;
  return true;
}

bool MultipartParser::parse_headers() {
  auto end = buf_.find("\r\n\r\n");
  bool no_headers = buf_.compare(0, 2, "\r\n") == 0;
  if (end == std::string::npos && !no_headers) {
    if (buf_.size() > kMaxHeaderBlock)
      throw MultipartError("Malformed multipart body: part headers longer than 16 KB.");
    return false;
  }
  std::size_t block_end = no_headers ? 0 : end;
  PartInfo info;
  std::string_view block(buf_.data(), block_end);
  while (!block.empty()) {
    auto eol = block.find("\r\n");
    auto line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 2);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (util::to_lower(util::trim(line.substr(0, colon))) == "content-disposition")
      info = parse_content_disposition(line.substr(colon + 1));
  }
  buf_.erase(0, no_headers ? 2 : end + 4);
  state_ = State::Body;
  if (handlers_.on_part_begin) handlers_.on_part_begin(info);
  return true;
}

bool MultipartParser::parse_body() {
  auto pos = buf_.find(delimiter_);
  if (pos == std::string::npos) {
    // Keep a tail that could be the start of a delimiter split across chunks.
    std::size_t keep = delimiter_.size() - 1;
    if (buf_.size() > keep) {
      std::size_t emit = buf_.size() - keep;
      if (handlers_.on_data) handlers_.on_data(std::string_view(buf_.data(), emit));
      buf_.erase(0, emit);
    }
    return false;
  }
  if (pos > 0 && handlers_.on_data) handlers_.on_data(std::string_view(buf_.data(), pos));
  buf_.erase(0, pos + delimiter_.size());
  if (handlers_.on_part_end) handlers_.on_part_end();
  state_ = State::AfterDelimiter;
  return true;
}

}  // namespace racesense::http
