// The streaming multipart/form-data parser (RFC 7578) on any bytes and any TCP segmentation: the
// same body must give the same parts, data and verdict whether it arrives whole, byte by byte or
// cut at arbitrary points (issue 10, defect 5). Input: [boundary length][boundary][split seed][body].
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "http/multipart.hpp"

using racesense::http::MultipartError;
using racesense::http::MultipartParser;
using racesense::http::PartInfo;

namespace {
struct Part {
  std::string name;
  std::optional<std::string> filename;
  std::string data;
  bool ended = false;
  bool operator==(const Part&) const = default;
};

struct Outcome {
  std::vector<Part> parts;
  bool error = false;  // a MultipartError from feed() or finish()
  bool done = false;
  bool operator==(const Outcome&) const = default;
};

Outcome parse(const std::string& boundary, const std::string& body, const std::vector<std::size_t>& cuts) {
  Outcome out;
  MultipartParser::Handlers h;
  h.on_part_begin = [&](const PartInfo& p) { out.parts.push_back({p.name, p.filename, {}, false}); };
  h.on_data = [&](std::string_view d) {
    FUZZ_CHECK(!out.parts.empty() && !out.parts.back().ended);
    out.parts.back().data.append(d);
  };
  h.on_part_end = [&] {
    FUZZ_CHECK(!out.parts.empty());
    out.parts.back().ended = true;
  };
  MultipartParser parser(boundary, h);
  try {
    std::size_t at = 0;
    for (std::size_t cut : cuts) {
      parser.feed(std::string_view(body).substr(at, cut - at));
      at = cut;
    }
    parser.feed(std::string_view(body).substr(at));
    out.done = parser.done();
    parser.finish();
  } catch (const MultipartError&) {
    out.error = true;
  }
  return out;
}

std::vector<std::size_t> random_cuts(std::size_t size, std::uint8_t seed) {
  std::vector<std::size_t> cuts;
  std::uint32_t x = seed * 2654435761u + 1;
  for (std::size_t at = 0; size > 0;) {
    x = x * 1103515245u + 12345u;
    at += 1 + (x >> 16) % 97;
    if (at >= size) break;
    cuts.push_back(at);
  }
  return cuts;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::size_t blen = 1 + data[0] % 70;
  if (size < 2 + blen) return 0;
  std::string boundary(reinterpret_cast<const char*>(data + 1), blen);
  std::uint8_t seed = data[1 + blen];
  std::string body(reinterpret_cast<const char*>(data + 2 + blen), size - 2 - blen);

  Outcome whole = parse(boundary, body, {});
  std::vector<std::size_t> every_byte;
  for (std::size_t i = 1; i < body.size(); ++i) every_byte.push_back(i);
  FUZZ_CHECK(parse(boundary, body, every_byte) == whole);
  FUZZ_CHECK(parse(boundary, body, random_cuts(body.size(), seed)) == whole);
  if (whole.done && !whole.error) {
    for (const Part& p : whole.parts) FUZZ_CHECK(p.ended);
    // The file bytes never hold the delimiter that should have ended the part.
    for (const Part& p : whole.parts) FUZZ_CHECK(p.data.find("\r\n--" + boundary) == std::string::npos);
  }
  // Header helpers on the same bytes.
  (void)racesense::http::multipart_boundary(body);
  (void)racesense::http::parse_content_disposition(body);
  return 0;
}
