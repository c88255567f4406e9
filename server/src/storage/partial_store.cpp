#include "storage/partial_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "util/sha256.hpp"

namespace racesense::storage {
namespace fs = std::filesystem;
namespace {
std::uint64_t size_or_zero(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : n;
}

void write_durably(const fs::path& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("create " + path.string() + ": " + std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw StorageFullError("the server's disk is full");
}
}  // namespace

PartialStore::PartialStore(const fs::path& data_dir, BlobStore& blobs, std::chrono::seconds expiry)
    : dir_(data_dir / "partial"), blobs_(blobs), expiry_(expiry) {
  make_private_directory(dir_);
}

fs::path PartialStore::data_path(const std::string& sha) const { return dir_ / (sha + ".part"); }
fs::path PartialStore::meta_path(const std::string& sha) const { return dir_ / (sha + ".meta"); }

std::chrono::seconds PartialStore::age(const std::string& sha) const {
  std::error_code ec;
  auto written = fs::last_write_time(data_path(sha), ec);
  if (ec) return std::chrono::seconds::max();
  return std::chrono::duration_cast<std::chrono::seconds>(fs::file_time_type::clock::now() - written);
}

std::size_t PartialStore::recover() {
  std::size_t removed = 0;
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(dir_)) entries.push_back(entry.path());
  for (const auto& path : entries) {
    auto name = path.filename().string();
    auto sha = name.substr(0, name.find('.'));
    bool paired = util::is_sha256_hex(sha) && fs::exists(data_path(sha)) && fs::exists(meta_path(sha));
    if (!paired || age(sha) > expiry_) {
      std::error_code ec;
      fs::remove(path, ec);
      ++removed;
      continue;
    }
    if (path.extension() != ".part") continue;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) ::fsync(fd);  // bytes the page cache held when the server stopped become durable
    if (fd >= 0) ::close(fd);
    blobs_.count_stored(size_or_zero(path));
  }
  fsync_directory(dir_);
  return removed;
}

std::optional<PartialInfo> PartialStore::find(const std::string& sha) {
  std::ifstream in(meta_path(sha));
  if (!in || !fs::exists(data_path(sha))) return std::nullopt;
  auto age_now = age(sha);
  if (age_now > expiry_) {
    discard(sha);
    return std::nullopt;
  }
  auto meta = nlohmann::json::parse(in, nullptr, false);
  PartialInfo info;
  info.offset = size_or_zero(data_path(sha));
  if (meta.is_object() && meta.value("filename", nlohmann::json()).is_string()) info.filename = meta["filename"];
  if (meta.is_object() && meta.value("length", nlohmann::json()).is_number_unsigned())
    info.length = meta["length"].get<std::uint64_t>();
  info.expires_in = expiry_ - age_now;
  return info;
}

std::unique_ptr<TempBlob> PartialStore::create(const std::string& sha, const std::string& filename,
                                               std::optional<std::uint64_t> length) {
  discard(sha);
  blobs_.ensure_room_for(length.value_or(0));
  nlohmann::json meta = {{"filename", filename}};
  if (length) meta["length"] = *length;
  write_durably(meta_path(sha), meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  int fd = ::open(data_path(sha).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("create " + data_path(sha).string() + ": " + std::strerror(errno));
  fsync_directory(dir_);
  return std::make_unique<TempBlob>(blobs_, data_path(sha), fd, 0, open_direct(data_path(sha)));
}

std::unique_ptr<TempBlob> PartialStore::open_append(const std::string& sha) {
  if (!fs::exists(meta_path(sha))) return nullptr;
  int fd = ::open(data_path(sha).c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return nullptr;
  return std::make_unique<TempBlob>(blobs_, data_path(sha), fd, size_or_zero(data_path(sha)), open_direct(data_path(sha)));
}

void PartialStore::discard(const std::string& sha) {
  std::error_code ec;
  auto bytes = size_or_zero(data_path(sha));
  if (fs::remove(data_path(sha), ec)) blobs_.uncount(bytes);
  fs::remove(meta_path(sha), ec);
}

void PartialStore::committed(const std::string& sha) {
  std::error_code ec;
  fs::remove(meta_path(sha), ec);
}

std::vector<std::string> PartialStore::expired() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    if (entry.path().extension() != ".meta") continue;
    auto sha = entry.path().stem().string();
    if (age(sha) > expiry_) out.push_back(sha);
  }
  return out;
}

}  // namespace racesense::storage
