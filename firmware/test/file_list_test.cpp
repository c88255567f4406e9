#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "rscore/file_list.hpp"
#include "racesense/protocol.hpp"

namespace rs {
namespace {

// A card whose session folder the pager reads; names as the logger writes them.
struct Card {
  test::FakeFileStore store;
  ActiveFiles active;
  SessionFolder folder{store, "/sessions", &active};
  void add(int n, std::size_t name_len = 12) {
    for (int i = n - 1; i >= 0; --i) {
      std::string name = "sess_" + std::to_string(1000 + i);
      name += std::string(name_len > name.size() + 4 ? name_len - name.size() - 4 : 0, 'x') + ".csv";
      store.add("/sessions/" + name, std::string(static_cast<std::size_t>(100 + i), 'r'));
    }
  }
};

// Reads every page the way the web client does.
std::vector<nlohmann::json> read_all(Card& card, FileListPager& pager, std::size_t* pages = nullptr) {
  std::vector<nlohmann::json> all;
  std::size_t offset = 0, count = 0;
  EXPECT_TRUE(pager.select(R"({"offset":0})"));  // once: each read continues after the last page
  for (;;) {
    std::string page = pager.page(card.folder, protocol::kFileListPageLen, 7);
    EXPECT_LE(page.size(), protocol::kFileListPageLen);
    auto j = nlohmann::json::parse(page);
    ++count;
    EXPECT_EQ(j["offset"], offset);
    EXPECT_EQ(j["gen"], 7);
    for (auto& f : j["files"]) all.push_back(f);
    offset += j["files"].size();
    if (offset >= j["total"].get<std::size_t>() || j["files"].empty()) break;
  }
  if (pages) *pages = count;
  return all;
}

TEST(FileList, EmptyCard) {
  Card card;
  FileListPager pager;
  auto j = nlohmann::json::parse(pager.page(card.folder, protocol::kFileListPageLen));
  EXPECT_EQ(j["total"], 0);
  EXPECT_TRUE(j["files"].empty());
}

TEST(FileList, OneFile) {
  Card card;
  card.add(1);
  FileListPager pager;
  auto all = read_all(card, pager);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0][1], 100);
}

TEST(FileList, ThreeHundredFilesArriveSortedOverManyPages) {
  Card card;
  card.add(300);
  card.store.add("/sessions/readme.txt", "not a session");
  FileListPager pager;
  std::size_t pages = 0;
  auto all = read_all(card, pager, &pages);
  ASSERT_EQ(all.size(), 300u);
  EXPECT_LE(pages, 17u);  // 18 entries a page: with the offset write, 18 GATT operations at MTU 512
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1][0], all[i][0]);
}

TEST(FileList, AnOffsetOutOfSequenceIsCountedFromTheStart) {
  Card card;
  card.add(100);
  FileListPager pager;
  ASSERT_TRUE(pager.select(R"({"offset":57})"));
  auto j = nlohmann::json::parse(pager.page(card.folder, protocol::kFileListPageLen));
  EXPECT_EQ(j["offset"], 57);
  EXPECT_EQ(j["files"][0][0], "sess_1057.csv");
}

TEST(FileList, LongNamesStillFitAndMakeProgress) {
  Card card;
  card.add(5, 250);
  std::string huge = std::string(600, 'z') + ".csv";
  card.store.add("/sessions/" + huge, "1234567");
  card.active.mark_open(huge);
  FileListPager pager;
  auto all = read_all(card, pager);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all.back()[2], protocol::kFileFlagBusy | protocol::kFileFlagTruncated);
}

TEST(FileList, A300ByteNameFitsAPageAloneUncut) {
  Card card;
  std::string name = std::string(296, 'n') + ".csv";
  card.store.add("/sessions/a.csv", "1");
  card.store.add("/sessions/" + name, "22");
  card.store.add("/sessions/o.csv", "333");
  FileListPager pager;
  auto all = read_all(card, pager);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1][0], name);
  EXPECT_EQ(all[1].size(), 2u);  // no flags: not cut
}

TEST(FileList, BadOffsetWritesAreRejected) {
  FileListPager pager;
  for (const char* bad : {"", "{}", "{\"offset\":-1}", "{\"offset\":\"3\"}", "nope"}) EXPECT_FALSE(pager.select(bad)) << bad;
}

}  // namespace
}  // namespace rs
