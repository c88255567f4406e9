#include <gtest/gtest.h>

#include "http/multipart.hpp"

namespace racesense::http {
namespace {

struct Collected {
  std::vector<PartInfo> parts;
  std::vector<std::string> data;
  int ends = 0;
};

MultipartParser make_parser(const std::string& boundary, Collected& c) {
  MultipartParser::Handlers h;
  h.on_part_begin = [&c](const PartInfo& p) {
    c.parts.push_back(p);
    c.data.emplace_back();
  };
  h.on_data = [&c](std::string_view d) { c.data.back().append(d); };
  h.on_part_end = [&c] { ++c.ends; };
  return MultipartParser(boundary, std::move(h));
}

const std::string kBody =
    "--B0undary\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\nx=1\r\n"
    "--B0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.csv\"\r\n"
    "Content-Type: text/csv\r\n\r\nline1\r\n--B0undar not yet\r\nline2\r\n--B0undary--\r\nepilogue";

TEST(Multipart, ParsesPartsWhateverTheChunking) {
  for (std::size_t chunk : {1u, 2u, 7u, 13u, 64u, 4096u}) {
    Collected c;
    auto parser = make_parser("B0undary", c);
    for (std::size_t i = 0; i < kBody.size(); i += chunk) parser.feed(std::string_view(kBody).substr(i, chunk));
    parser.finish();
    ASSERT_EQ(c.parts.size(), 2u) << "chunk " << chunk;
    EXPECT_EQ(c.parts[0].name, "meta");
    EXPECT_EQ(c.data[0], "x=1");
    EXPECT_EQ(c.parts[1].name, "file");
    EXPECT_EQ(c.parts[1].filename.value_or(""), "a;b.csv");
    EXPECT_EQ(c.data[1], "line1\r\n--B0undar not yet\r\nline2") << "chunk " << chunk;
    EXPECT_EQ(c.ends, 2);
  }
}

// The parse of `body` fed in pieces of the given sizes (the last piece takes the rest): the parts
// and their bytes, or the error.
std::string outcome(const std::string& body, const std::vector<std::size_t>& cuts) {
  Collected c;
  auto parser = make_parser("XyZ", c);
  try {
    std::size_t at = 0;
    for (std::size_t cut : cuts) {
      parser.feed(std::string_view(body).substr(at, cut - at));
      at = cut;
    }
    parser.feed(std::string_view(body).substr(at));
    parser.finish();
  } catch (const MultipartError& e) {
    return std::string("error: ") + e.what();
  }
  std::string out;
  for (std::size_t i = 0; i < c.parts.size(); ++i) out += c.parts[i].name + "=" + c.data[i] + ";";
  return out;
}

// Issue 10 defect 5: a delimiter without its CRLF in the preamble matched at the start of the kept
// tail when the body came byte by byte.
TEST(Multipart, AnySplitOfTheSameBytesGivesTheSameResult) {
  const std::vector<std::string> bodies = {
      "ab--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n\r\nDATA\r\n--XyZ--\r\n",
      "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nDATA\r\n--XyZ--\r\n",
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nab--XyZ\r\n--XyZ--",
      "-\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--XyZ--",
  };
  for (const auto& body : bodies) {
    std::string whole = outcome(body, {});
    std::vector<std::size_t> every_byte;
    for (std::size_t i = 1; i < body.size(); ++i) every_byte.push_back(i);
    EXPECT_EQ(outcome(body, every_byte), whole) << body;
    for (std::size_t i = 1; i < body.size(); ++i) EXPECT_EQ(outcome(body, {i}), whole) << body << " cut at " << i;
  }
  EXPECT_EQ(outcome(bodies[0], {}), "");  // "ab--XyZ" opens no part: the server answers 400
  EXPECT_EQ(outcome(bodies[1], {}), "file=DATA;");
  EXPECT_EQ(outcome(bodies[2], {}), "file=ab--XyZ;");
  EXPECT_EQ(outcome(bodies[3], {}), "file=x;");
}

TEST(Multipart, TruncatedBodyFailsOnFinish) {
  Collected c;
  auto parser = make_parser("B0undary", c);
  parser.feed(kBody.substr(0, kBody.size() / 2));
  EXPECT_THROW(parser.finish(), MultipartError);
}

TEST(Multipart, GarbageAfterBoundaryIsAnError) {
  Collected c;
  auto parser = make_parser("B", c);
  EXPECT_THROW(parser.feed("--Bxx\r\n"), MultipartError);
}

TEST(Multipart, OverlongPartHeadersAreAnError) {
  Collected c;
  auto parser = make_parser("B", c);
  parser.feed("--B\r\n");
  EXPECT_THROW(parser.feed(std::string(20000, 'h')), MultipartError);
}

TEST(Multipart, BoundaryParameterAmongOthers) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=X; charset=utf-8").value_or(""), "X");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"").value_or(""), "a b");
  EXPECT_FALSE(multipart_boundary("multipart/form-data").has_value());
  EXPECT_TRUE(is_multipart("Multipart/Form-Data; boundary=x"));
  EXPECT_FALSE(is_multipart("text/csv"));
}

TEST(Multipart, Rfc5987FilenameWins) {
  auto p = parse_content_disposition(" form-data; name=\"file\"; filename=\"x.csv\"; filename*=UTF-8''Sess%20%C3%A9.csv");
  EXPECT_EQ(p.name, "file");
  EXPECT_EQ(p.filename.value_or(""), "Sess \xC3\xA9.csv");
}

}  // namespace
}  // namespace racesense::http
