#include "rscore/file_list.hpp"

#include <algorithm>
#include <memory>

#include "cJSON.h"

namespace rs {
namespace {
using JsonPtr = std::unique_ptr<cJSON, decltype(&cJSON_Delete)>;
// A name whose entry does not fit a page alone (over ~400 bytes of JSON) is cut to this many bytes.
constexpr std::size_t kCutNameLen = 380;

std::string print(const cJSON* o) {
  char* text = cJSON_PrintUnformatted(o);
  std::string out = text ? text : "";
  cJSON_free(text);
  return out;
}

cJSON* entry(const ListedFile& f, std::size_t name_max) {
  cJSON* e = cJSON_CreateObject();
  std::string name = f.info.name;
  bool truncated = name.size() > name_max;
  if (truncated) {
    name.resize(name_max);
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80)) name.pop_back();
  }
  cJSON_AddStringToObject(e, "name", name.c_str());
  cJSON_AddNumberToObject(e, "size", static_cast<double>(f.info.size));
  if (f.busy) cJSON_AddBoolToObject(e, "busy", true);
  if (truncated) cJSON_AddBoolToObject(e, "truncated", true);
  return e;
}
}  // namespace

void FileListPager::set_snapshot(std::vector<ListedFile> files) {
  std::sort(files.begin(), files.end(), [](const ListedFile& a, const ListedFile& b) { return a.info.name < b.info.name; });
  files_ = std::move(files);
  if (offset_ > files_.size()) offset_ = files_.size();
}

bool FileListPager::select(std::string_view value, bool* wants_fresh_snapshot) {
  JsonPtr root(cJSON_ParseWithLength(value.data(), value.size()), cJSON_Delete);
  const cJSON* off = root ? cJSON_GetObjectItemCaseSensitive(root.get(), "offset") : nullptr;
  if (!off || !cJSON_IsNumber(off) || off->valuedouble < 0 || off->valuedouble > 1e6) return false;
  offset_ = static_cast<std::size_t>(off->valuedouble);
  *wants_fresh_snapshot = offset_ == 0;
  return true;
}

std::string FileListPager::page(std::size_t max_len) const {
  JsonPtr root(cJSON_CreateObject(), cJSON_Delete);
  std::size_t offset = std::min(offset_, files_.size());
  cJSON_AddNumberToObject(root.get(), "total", static_cast<double>(files_.size()));
  cJSON_AddNumberToObject(root.get(), "offset", static_cast<double>(offset));
  cJSON* array = cJSON_AddArrayToObject(root.get(), "files");
  for (std::size_t i = offset; i < files_.size(); ++i) {
    bool first = i == offset;
    cJSON_AddItemToArray(array, entry(files_[i], max_len));
    if (print(root.get()).size() <= max_len) continue;
    cJSON_DeleteItemFromArray(array, cJSON_GetArraySize(array) - 1);
    if (!first) break;
    // A name too long to fit a page alone: cut it until the entry fits.
    for (std::size_t cut = kCutNameLen; cut > 0; cut /= 2) {
      cJSON_AddItemToArray(array, entry(files_[i], cut));
      if (print(root.get()).size() <= max_len) break;
      cJSON_DeleteItemFromArray(array, cJSON_GetArraySize(array) - 1);
    }
    break;
  }
  return print(root.get());
}

}  // namespace rs
