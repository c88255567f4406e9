#include "storage/track_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "storage/blob_store.hpp"

namespace racesense::storage {
namespace fs = std::filesystem;

TrackStore::TrackStore(fs::path file) : file_(std::move(file)) {
  if (!fs::exists(file_)) {
    save({});
    return;
  }
  std::ifstream in(file_);
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  auto parsed = analysis::parse_tracks_json(text.str(), error);
  if (!parsed) throw std::runtime_error(file_.string() + " is not a valid tracks file: " + error);
  tracks_ = std::move(*parsed);
}

std::vector<analysis::Track> TrackStore::all() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tracks_;
}

void TrackStore::put(const analysis::Track& track) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto next = tracks_;
  bool replaced = false;
  for (auto& t : next) {
    if (t.id == track.id) {
      t = track;
      replaced = true;
    }
  }
  if (!replaced) next.push_back(track);
  save(next);
  tracks_ = std::move(next);
}

void TrackStore::save(const std::vector<analysis::Track>& tracks) const {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& t : tracks) array.push_back(analysis::track_to_json(t));
  auto tmp = file_;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << array.dump(2) << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(tmp, file_);
  fsync_directory(file_.parent_path());
}

}  // namespace racesense::storage
