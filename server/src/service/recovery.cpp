#include "service/recovery.hpp"

#include <fstream>
#include <set>

#include "service/session_analyzer.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"

namespace racesense::service {
namespace {
std::string file_sha256(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  util::Sha256 sha;
  std::vector<char> buf(1 << 16);
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0)
    sha.update(buf.data(), static_cast<std::size_t>(in.gcount()));
  return sha.hex_digest();
}

// The SHA-256 a stored name starts with ("<sha256>-<random>.csv", or "<sha256>.csv" before).
std::optional<std::string> named_sha(const std::string& name) {
  if (name.size() < 65 || (name[64] != '-' && name[64] != '.')) return std::nullopt;
  auto sha = name.substr(0, 64);
  if (!util::is_sha256_hex(sha)) return std::nullopt;
  return util::to_lower(sha);
}

bool adopt(storage::SessionRepository& repo, storage::BlobStore& blobs, Venues& venues, const std::string& name) {
  auto sha = named_sha(name);
  auto path = blobs.path_of(name);
  if (!sha || repo.find_by_sha(*sha) || file_sha256(path) != *sha) return false;
  model::Session s;
  s.filename = "recovered-" + sha->substr(0, 12) + ".csv";
  s.sha256 = *sha;
  s.stored_name = name;
  s.bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  s.uploaded_at = util::iso8601_utc(util::now_epoch_ms());
  auto snapshot = venues.snapshot();
  auto analysis = analyse_file(path, std::move(snapshot.tracks), venues.options());
  if (venues.record(s, analysis, snapshot.version)) return false;
  blobs.count_stored(static_cast<std::uint64_t>(s.bytes));
  return true;
}
}  // namespace

RecoveryReport recover_orphans(storage::SessionRepository& repo, storage::BlobStore& blobs, Venues& venues) {
  std::set<std::string> known;
  for (const auto& s : repo.list()) known.insert(s.stored_name);
  RecoveryReport report;
  for (const auto& name : blobs.stored_names()) {
    if (known.count(name)) continue;
    if (adopt(repo, blobs, venues, name)) {
      ++report.adopted;
    } else {
      blobs.remove(name, 0);
      ++report.removed;
    }
  }
  return report;
}

}  // namespace racesense::service
