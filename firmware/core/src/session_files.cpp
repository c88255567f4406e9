#include "rscore/session_files.hpp"

#include <algorithm>
#include <cctype>

namespace rs {

bool is_session_file(const std::string& name) {
  if (name.size() < 5 || name[0] == '.') return false;
  std::string ext = name.substr(name.size() - 4);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".csv";
}

Result<std::vector<ListedFile>> SessionFolder::window(const std::string& after, std::size_t limit) {
  std::vector<ListedFile> out;
  out.reserve(limit);
  auto by_name = [](const ListedFile& a, const std::string& name) { return a.info.name < name; };
  Status scanned = store_.scan(folder_, [&](const FileInfo& f) {
    if (!is_session_file(f.name) || (!after.empty() && f.name <= after)) return true;
    if (out.size() == limit && !(f.name < out.back().info.name)) return true;
    if (out.size() == limit) out.pop_back();
    out.insert(std::lower_bound(out.begin(), out.end(), f.name, by_name), ListedFile{f, false});
    return true;
  });
  if (!scanned.ok()) return scanned.error();
  for (auto& f : out) f.busy = busy(f.info.name);
  return out;
}

Result<FolderTotals> SessionFolder::totals() {
  FolderTotals t;
  Status scanned = store_.scan(folder_, [&](const FileInfo& f) {
    if (!is_session_file(f.name)) return true;
    ++t.files;
    if (busy(f.name)) return true;
    ++t.ready;
    t.ready_bytes += f.size;
    return true;
  });
  if (!scanned.ok()) return scanned.error();
  return t;
}

}  // namespace rs
