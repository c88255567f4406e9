#include <gtest/gtest.h>

#include "util/sha256.hpp"
#include "util/text.hpp"

namespace racesense::util {
namespace {

TEST(Text, PercentDecode) {
  EXPECT_EQ(percent_decode("Sess%20Monza%201.csv").value_or(""), "Sess Monza 1.csv");
  EXPECT_EQ(percent_decode("a+b", true).value_or(""), "a b");
  EXPECT_EQ(percent_decode("a+b").value_or(""), "a+b");
  EXPECT_FALSE(percent_decode("bad%2").has_value());
  EXPECT_FALSE(percent_decode("bad%zz").has_value());
  EXPECT_FALSE(percent_decode("%").has_value());
}

TEST(Text, DisplayFilenameDropsPathsAndControlCharacters) {
  EXPECT_EQ(display_filename("../../etc/passwd"), "passwd");
  EXPECT_EQ(display_filename("C:\\logs\\sess.csv"), "sess.csv");
  EXPECT_EQ(display_filename(".."), "");
  EXPECT_EQ(display_filename(std::string("a\nb\0c", 5)), "abc");
  EXPECT_LE(display_filename(std::string(500, 'x')).size(), 200u);
}

TEST(Text, QueryParsing) {
  auto q = parse_query("filename=a%20b.csv&x=1&broken=%zz");
  EXPECT_EQ(q["filename"], "a b.csv");
  EXPECT_EQ(q["x"], "1");
  EXPECT_EQ(q.count("broken"), 0u);
}

TEST(Text, Sha256KnownVector) {
  Sha256 s;
  s.update("abc", 3);
  EXPECT_EQ(s.hex_digest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(is_sha256_hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  EXPECT_FALSE(is_sha256_hex("xyz"));
}

}  // namespace
}  // namespace racesense::util
