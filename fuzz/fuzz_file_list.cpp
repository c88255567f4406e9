// FILE_LIST paging (docs/protocol.md §1.3) with any card contents, in any folder order, and any
// offset write: every page fits the 512-byte attribute, holds at least one entry while any remain,
// and reading page after page as the doc says lists every session file once, in name order, with
// its size and busy flag.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cJSON.h"
#include "fuzz_check.hpp"
#include "rscore/file_list.hpp"
#include "racesense/protocol.hpp"

namespace {
using JsonPtr = std::unique_ptr<cJSON, decltype(&cJSON_Delete)>;

// The card's sessions folder, visited in the order the files were written (not by name).
class CardFolder : public rs::FileStore {
 public:
  std::vector<rs::FileInfo> files;
  rs::Status scan(const std::string&, const std::function<bool(const rs::FileInfo&)>& visit) override {
    for (const auto& f : files)
      if (!visit(f)) break;
    return {};
  }
  rs::Result<std::uint64_t> size(const std::string& path) override {
    for (const auto& f : files)
      if ("/sessions/" + f.name == path) return f.size;
    return rs::Error::kNotFound;
  }
  rs::Result<std::unique_ptr<rs::FileReader>> open(const std::string&) override { return rs::Error::kNotFound; }
  rs::Status make_folder(const std::string&) override { return {}; }
  rs::Status rename(const std::string&, const std::string&) override { return rs::Error::kIo; }
  rs::Status remove(const std::string&) override { return rs::Error::kIo; }
};

double number(const cJSON* o, const char* key) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(o, key);
  FUZZ_CHECK(cJSON_IsNumber(item));
  return item->valuedouble;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::string write = in.ConsumeRandomLengthString(64);
  CardFolder card;
  rs::ActiveFiles active;
  std::map<std::string, rs::ListedFile> expected;  // by name: what the pages must list
  for (std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 40); n > 0; --n) {
    std::string name = in.ConsumeRandomLengthString(400);
    name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return c == '\0' || c == '/'; }), name.end());
    if (in.ConsumeBool()) name += ".csv";
    std::uint64_t bytes = in.ConsumeIntegralInRange<std::uint64_t>(0, 1ull << 40);
    bool busy = in.ConsumeBool();
    if (expected.count(name) || std::any_of(card.files.begin(), card.files.end(), [&](auto& f) { return f.name == name; }))
      continue;  // a folder holds each name once
    card.files.push_back({name, bytes});
    if (busy) active.mark_open(name);
    if (rs::is_session_file(name)) expected[name] = {{name, bytes}, busy};
  }
  rs::SessionFolder folder(card, "/sessions", &active);
  rs::FileListPager pager;
  (void)pager.select(write);
  FUZZ_CHECK(pager.page(folder, rs::protocol::kMaxValueLen).size() <= rs::protocol::kMaxValueLen);

  FUZZ_CHECK(pager.select("{\"offset\":0}"));
  auto want = expected.begin();
  std::size_t next = 0;
  for (std::size_t pages = 0; next < expected.size(); ++pages) {
    FUZZ_CHECK(pages <= expected.size());
    std::string page = pager.page(folder, rs::protocol::kMaxValueLen);
    FUZZ_CHECK(page.size() <= rs::protocol::kMaxValueLen);
    JsonPtr root(cJSON_ParseWithLength(page.data(), page.size()), cJSON_Delete);
    FUZZ_CHECK(root && cJSON_IsObject(root.get()));
    FUZZ_CHECK(number(root.get(), "total") == static_cast<double>(expected.size()));
    FUZZ_CHECK(number(root.get(), "offset") == static_cast<double>(next));
    const cJSON* list = cJSON_GetObjectItemCaseSensitive(root.get(), "files");
    FUZZ_CHECK(cJSON_IsArray(list) && cJSON_GetArraySize(list) >= 1);
    const cJSON* e = nullptr;
    cJSON_ArrayForEach(e, list) {  // [name, size] or [name, size, flags]: 1 busy, 2 truncated
      FUZZ_CHECK(want != expected.end());
      const rs::ListedFile& f = want->second;
      FUZZ_CHECK(cJSON_IsArray(e) && (cJSON_GetArraySize(e) == 2 || cJSON_GetArraySize(e) == 3));
      const cJSON* name = cJSON_GetArrayItem(e, 0);
      const cJSON* bytes = cJSON_GetArrayItem(e, 1);
      const cJSON* flags_item = cJSON_GetArrayItem(e, 2);
      FUZZ_CHECK(cJSON_IsString(name) && cJSON_IsNumber(bytes));
      FUZZ_CHECK(!flags_item || (cJSON_IsNumber(flags_item) && flags_item->valuedouble >= 1 && flags_item->valuedouble <= 3));
      const int flags = flags_item ? static_cast<int>(flags_item->valuedouble) : 0;
      std::string got = name->valuestring;
      FUZZ_CHECK((flags & 2) ? f.info.name.rfind(got, 0) == 0 && got.size() < f.info.name.size() : got == f.info.name);
      FUZZ_CHECK(bytes->valuedouble == static_cast<double>(f.info.size));
      FUZZ_CHECK(((flags & 1) != 0) == f.busy);
      ++want;
      ++next;
    }
    FUZZ_CHECK(pager.select("{\"offset\":" + std::to_string(next) + "}"));
  }
  return 0;
}
