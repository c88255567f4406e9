// FILE_LIST paging (docs/protocol.md §1.3) with any card contents and any offset write: every page
// fits the 512-byte attribute, holds at least one entry while any remain, and reading page after
// page as the doc says lists every file once, in name order, with its size.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "cJSON.h"
#include "fuzz_check.hpp"
#include "rscore/file_list.hpp"
#include "rscore/protocol.hpp"

namespace {
using JsonPtr = std::unique_ptr<cJSON, decltype(&cJSON_Delete)>;

double number(const cJSON* o, const char* key) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(o, key);
  FUZZ_CHECK(cJSON_IsNumber(item));
  return item->valuedouble;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::string write = in.ConsumeRandomLengthString(64);
  std::vector<rs::ListedFile> files(in.ConsumeIntegralInRange<std::size_t>(0, 40));
  for (auto& f : files) {
    f.info.name = in.ConsumeRandomLengthString(500);
    f.info.name.erase(std::remove(f.info.name.begin(), f.info.name.end(), '\0'), f.info.name.end());  // no NUL on FAT
    f.info.size = in.ConsumeIntegralInRange<std::uint64_t>(0, 1ull << 40);
    f.busy = in.ConsumeBool();
  }
  rs::FileListPager pager;
  pager.set_snapshot(files);
  bool fresh = false;
  if (pager.select(write, &fresh)) FUZZ_CHECK(fresh == (pager.offset() == 0));
  FUZZ_CHECK(pager.page(rs::protocol::kMaxValueLen).size() <= rs::protocol::kMaxValueLen);

  std::stable_sort(files.begin(), files.end(),
                   [](const rs::ListedFile& a, const rs::ListedFile& b) { return a.info.name < b.info.name; });
  FUZZ_CHECK(pager.select("{\"offset\":0}", &fresh) && fresh);
  std::size_t next = 0;
  for (std::size_t pages = 0; next < files.size(); ++pages) {
    FUZZ_CHECK(pages <= files.size());
    std::string page = pager.page(rs::protocol::kMaxValueLen);
    FUZZ_CHECK(page.size() <= rs::protocol::kMaxValueLen);
    JsonPtr root(cJSON_ParseWithLength(page.data(), page.size()), cJSON_Delete);
    FUZZ_CHECK(root && cJSON_IsObject(root.get()));
    FUZZ_CHECK(number(root.get(), "total") == static_cast<double>(files.size()));
    FUZZ_CHECK(number(root.get(), "offset") == static_cast<double>(next));
    const cJSON* list = cJSON_GetObjectItemCaseSensitive(root.get(), "files");
    FUZZ_CHECK(cJSON_IsArray(list) && cJSON_GetArraySize(list) >= 1);
    const cJSON* e = nullptr;
    cJSON_ArrayForEach(e, list) {
      const rs::ListedFile& want = files[next++];
      const cJSON* name = cJSON_GetObjectItemCaseSensitive(e, "name");
      FUZZ_CHECK(cJSON_IsString(name));
      bool truncated = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "truncated"));
      std::string got = name->valuestring;
      FUZZ_CHECK(truncated ? want.info.name.rfind(got, 0) == 0 && got.size() < want.info.name.size()
                           : got == want.info.name);
      FUZZ_CHECK(number(e, "size") == static_cast<double>(want.info.size));
      FUZZ_CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "busy")) == want.busy);
    }
    FUZZ_CHECK(pager.select("{\"offset\":" + std::to_string(next) + "}", &fresh));
  }
  return 0;
}
