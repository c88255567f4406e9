#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace racesense::http {

class MultipartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PartInfo {
  std::string name;
  std::optional<std::string> filename;
};

// Streaming multipart/form-data parser (RFC 7578): memory stays bounded by the largest chunk fed
// plus the delimiter, whatever the size of the parts.
class MultipartParser {
 public:
  struct Handlers {
    std::function<void(const PartInfo&)> on_part_begin;
    std::function<void(std::string_view)> on_data;  // bytes of the current part
    std::function<void()> on_part_end;
  };

  MultipartParser(std::string boundary, Handlers handlers);
  void feed(std::string_view chunk);  // throws MultipartError
  void finish();                      // throws MultipartError unless the closing delimiter was seen
  bool done() const { return state_ == State::Done; }

 private:
  enum class State { Preamble, Headers, Body, AfterDelimiter, Done };
  bool step();  // false when more input is needed
  bool parse_preamble();
  bool parse_headers();
  bool parse_body();
  bool parse_after_delimiter();

  std::string dash_boundary_;  // "--" + boundary
  std::string delimiter_;      // "\r\n--" + boundary
  Handlers handlers_;
  std::string buf_;
  State state_ = State::Preamble;
  bool at_body_start_ = true;
};

// The boundary parameter of a multipart/form-data Content-Type; nullopt when absent or invalid.
std::optional<std::string> multipart_boundary(std::string_view content_type);
bool is_multipart(std::string_view content_type);

// Content-Disposition: form-data; name="file"; filename="x.csv" (also filename*=UTF-8''...)
PartInfo parse_content_disposition(std::string_view value);

}  // namespace racesense::http
