#include "rscore/file_list.hpp"

#include <algorithm>
#include <memory>

#include "cJSON.h"
#include "racesense/protocol.hpp"

namespace rs {
namespace {
using JsonPtr = std::unique_ptr<cJSON, decltype(&cJSON_Delete)>;
// A name whose entry does not fit a page alone (over ~400 bytes of JSON) is cut to this many bytes.
constexpr std::size_t kCutNameLen = 380;
constexpr std::size_t kPageWindow = 48;  // more entries than a 512-byte page can hold

std::string print(const cJSON* o) {
  char* text = cJSON_PrintUnformatted(o);
  std::string out = text ? text : "";
  cJSON_free(text);
  return out;
}

// [name, size] or [name, size, flags]: a third of the bytes of {"name":…,"size":…}.
cJSON* entry(const ListedFile& f, std::size_t name_max) {
  cJSON* e = cJSON_CreateArray();
  std::string name = f.info.name;
  bool truncated = name.size() > name_max;
  if (truncated) {
    name.resize(name_max);
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80)) name.pop_back();
  }
  cJSON_AddItemToArray(e, cJSON_CreateString(name.c_str()));
  cJSON_AddItemToArray(e, cJSON_CreateNumber(static_cast<double>(f.info.size)));
  int flags = (f.busy ? protocol::kFileFlagBusy : 0) | (truncated ? protocol::kFileFlagTruncated : 0);
  if (flags) cJSON_AddItemToArray(e, cJSON_CreateNumber(flags));
  return e;
}
}  // namespace

bool FileListPager::select(std::string_view value) {
  JsonPtr root(cJSON_ParseWithLength(value.data(), value.size()), cJSON_Delete);
  const cJSON* off = root ? cJSON_GetObjectItemCaseSensitive(root.get(), "offset") : nullptr;
  if (!off || !cJSON_IsNumber(off) || off->valuedouble < 0 || off->valuedouble > 1e6) return false;
  offset_ = static_cast<std::size_t>(off->valuedouble);
  return true;
}

// The name of file index-1 in name order ("" for index 0): the point after which a page starts.
Result<std::string> FileListPager::name_before(SessionFolder& folder, std::size_t index) {
  if (index == 0) return std::string();
  if (index == resume_offset_ && !resume_after_.empty()) return resume_after_;
  std::string after;
  for (std::size_t skipped = 0; skipped < index;) {
    auto window = folder.window(after, std::min(kPageWindow, index - skipped));
    if (!window.ok()) return window.error();
    if (window.value().empty()) break;
    skipped += window.value().size();
    after = window.value().back().info.name;
  }
  return after;
}

std::string FileListPager::page(SessionFolder& folder, std::size_t max_len, std::uint32_t gen) {
  auto totals = folder.totals();
  std::size_t total = totals.ok() ? totals.value().files : 0;
  std::size_t offset = std::min(offset_, total);
  JsonPtr root(cJSON_CreateObject(), cJSON_Delete);
  cJSON_AddNumberToObject(root.get(), "total", static_cast<double>(total));
  cJSON_AddNumberToObject(root.get(), "offset", static_cast<double>(offset));
  cJSON_AddNumberToObject(root.get(), "gen", static_cast<double>(gen));
  cJSON* array = cJSON_AddArrayToObject(root.get(), "files");
  auto after = name_before(folder, offset);
  auto window = after.ok() ? folder.window(after.value(), kPageWindow) : Result<std::vector<ListedFile>>(after.error());
  if (!window.ok()) return print(root.get());
  std::size_t shown = 0;
  for (const auto& f : window.value()) {
    cJSON_AddItemToArray(array, entry(f, max_len));
    if (print(root.get()).size() <= max_len) {
      ++shown;
      continue;
    }
    cJSON_DeleteItemFromArray(array, cJSON_GetArraySize(array) - 1);
    if (shown > 0) break;
    // A name too long to fit a page alone: cut it until the entry fits.
    for (std::size_t cut = kCutNameLen; cut > 0; cut /= 2) {
      cJSON_AddItemToArray(array, entry(f, cut));
      if (print(root.get()).size() <= max_len) break;
      cJSON_DeleteItemFromArray(array, cJSON_GetArraySize(array) - 1);
    }
    shown = 1;
    break;
  }
  if (shown > 0) {
    resume_offset_ = offset_ = offset + shown;  // the next read continues here
    resume_after_ = window.value()[shown - 1].info.name;
  }
  return print(root.get());
}

}  // namespace rs
