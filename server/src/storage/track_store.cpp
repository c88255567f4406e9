#include "storage/track_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "storage/blob_store.hpp"

namespace racesense::storage {
namespace fs = std::filesystem;
namespace {
std::vector<analysis::Track> parse(const std::string& text, const fs::path& file) {
  std::string error;
  auto parsed = analysis::parse_tracks_json(text, error);
  if (!parsed) throw std::runtime_error(file.string() + " is not a valid tracks file: " + error);
  return std::move(*parsed);
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("cannot write tracks file: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}
}  // namespace

TrackStore::TrackStore(fs::path file) : file_(std::move(file)) {
  if (!fs::exists(file_)) {
    save({});
    return;
  }
  fs::permissions(file_, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  text_ = read_text();
  tracks_ = parse(text_, file_);
}

std::string TrackStore::read_text() const {
  int fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text_;  // being replaced right now: keep what we have
  std::string text;
  char buf[16384];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return text;
}

std::vector<analysis::Track> TrackStore::all() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tracks_;
}

std::optional<analysis::Track> TrackStore::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& t : tracks_)
    if (t.id == id) return t;
  return std::nullopt;
}

void TrackStore::put(const analysis::Track& track) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto next = tracks_;
  auto same = std::find_if(next.begin(), next.end(), [&](const auto& t) { return t.id == track.id; });
  if (same != next.end()) *same = track;
  else next.push_back(track);
  save(next);
  tracks_ = std::move(next);
}

void TrackStore::remove(const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto next = tracks_;
  std::erase_if(next, [&](const auto& t) { return std::find(ids.begin(), ids.end(), t.id) != ids.end(); });
  save(next);
  tracks_ = std::move(next);
}

std::string TrackStore::unused_id(const std::string& base) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto taken = [&](const std::string& id) {
    return std::any_of(tracks_.begin(), tracks_.end(), [&](const auto& t) { return t.id == id; });
  };
  std::string id = base;
  for (int n = 2; taken(id); ++n) id = base + "-" + std::to_string(n);
  return id;
}

std::optional<std::vector<analysis::Track>> TrackStore::reload_if_changed() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string text = read_text();
  if (text == text_) return std::nullopt;
  text_ = text;  // an invalid edit is reported once, not on every poll
  tracks_ = parse(text, file_);
  return tracks_;
}

void TrackStore::save(const std::vector<analysis::Track>& tracks) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& t : tracks) array.push_back(analysis::track_to_json(t));
  std::string text = array.dump(2) + "\n";
  auto tmp = file_;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + tmp.string() + ": " + std::strerror(errno));
  try {
    write_all(fd, text);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::fsync(fd);
  ::close(fd);
  fs::rename(tmp, file_);
  fsync_directory(file_.parent_path());
  text_ = std::move(text);
}

}  // namespace racesense::storage
