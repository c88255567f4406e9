#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "rscore/file_list.hpp"
#include "rscore/protocol.hpp"

namespace rs {
namespace {

std::vector<ListedFile> files(int n, std::size_t name_len = 12) {
  std::vector<ListedFile> out;
  for (int i = n - 1; i >= 0; --i) {  // unsorted on purpose
    std::string name = "sess_" + std::to_string(1000 + i);
    name += std::string(name_len > name.size() + 4 ? name_len - name.size() - 4 : 0, 'x') + ".csv";
    out.push_back({{name, static_cast<std::uint64_t>(100000 + i)}, false});
  }
  return out;
}

// Reads every page the way the web client does.
std::vector<nlohmann::json> read_all(FileListPager& pager, std::size_t* pages = nullptr) {
  std::vector<nlohmann::json> all;
  std::size_t offset = 0, count = 0;
  for (;;) {
    bool fresh = false;
    EXPECT_TRUE(pager.select("{\"offset\":" + std::to_string(offset) + "}", &fresh));
    std::string page = pager.page(protocol::kMaxValueLen);
    EXPECT_LE(page.size(), protocol::kMaxValueLen);
    auto j = nlohmann::json::parse(page);
    ++count;
    for (auto& f : j["files"]) all.push_back(f);
    offset += j["files"].size();
    if (offset >= j["total"].get<std::size_t>() || j["files"].empty()) break;
  }
  if (pages) *pages = count;
  return all;
}

TEST(FileList, EmptyCard) {
  FileListPager pager;
  pager.set_snapshot({});
  auto j = nlohmann::json::parse(pager.page(512));
  EXPECT_EQ(j["total"], 0);
  EXPECT_TRUE(j["files"].empty());
}

TEST(FileList, OneFile) {
  FileListPager pager;
  pager.set_snapshot(files(1));
  auto all = read_all(pager);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["size"], 100000);
}

TEST(FileList, ThreeHundredFilesArriveSortedOverManyPages) {
  FileListPager pager;
  pager.set_snapshot(files(300));
  std::size_t pages = 0;
  auto all = read_all(pager, &pages);
  ASSERT_EQ(all.size(), 300u);
  EXPECT_GT(pages, 10u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1]["name"], all[i]["name"]);
}

TEST(FileList, LongNamesStillFitAndMakeProgress) {
  FileListPager pager;
  auto list = files(5, 250);
  list.push_back({{std::string(600, 'z') + ".csv", 7}, true});
  pager.set_snapshot(list);
  auto all = read_all(pager);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all.back()["truncated"], true);
  EXPECT_EQ(all.back()["busy"], true);
}

TEST(FileList, A300ByteNameFitsAPageAloneUncut) {
  FileListPager pager;
  std::string name = std::string(296, 'n') + ".csv";
  pager.set_snapshot({{{"a.csv", 1}, false}, {{name, 2}, false}, {{"b.csv", 3}, false}});
  auto all = read_all(pager);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2]["name"], name);
  EXPECT_FALSE(all[2].contains("truncated"));
}

TEST(FileList, BadOffsetWritesAreRejected) {
  FileListPager pager;
  bool fresh;
  for (const char* bad : {"", "{}", "{\"offset\":-1}", "{\"offset\":\"3\"}", "nope"}) EXPECT_FALSE(pager.select(bad, &fresh)) << bad;
}

}  // namespace
}  // namespace rs
