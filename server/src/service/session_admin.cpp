#include "service/session_admin.hpp"

#include <cstdio>

#include "service/api_error.hpp"

namespace racesense::service {
namespace {
constexpr std::size_t kMaxKnownQuery = 5000;
constexpr std::size_t kMaxTitleBytes = 120;

nlohmann::json parse_object(const std::string& body, const char* what) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw ApiError(ErrorCode::BadRequest, std::string("The body must be ") + what + ".");
  return j;
}

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

storage::FileKey file_key(const nlohmann::json& entry, std::size_t index) {
  auto bad = [&](const std::string& why) {
    return ApiError(ErrorCode::BadRequest, "files[" + std::to_string(index) + "]: " + why);
  };
  if (!entry.is_object()) throw bad("must be an object");
  storage::FileKey key;
  if (entry.contains("sha256")) {
    if (!entry["sha256"].is_string() || !is_hex64(entry["sha256"].get<std::string>()))
      throw bad("sha256 must be 64 lower-case hex digits");
    key.sha256 = entry["sha256"].get<std::string>();
    return key;
  }
  if (!entry.contains("name") || !entry["name"].is_string()) throw bad("needs \"name\" and \"size\", or \"sha256\"");
  if (!entry.contains("size") || !entry["size"].is_number_integer() || entry["size"].get<std::int64_t>() < 0)
    throw bad("\"size\" must be a whole number of bytes");
  key.name = entry["name"].get<std::string>();
  key.size = entry["size"].get<std::int64_t>();
  return key;
}

// A title is shown in lists: one line, not empty after trimming, at most kMaxTitleBytes.
std::optional<std::string> checked_title(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) throw ApiError(ErrorCode::BadRequest, "\"title\" must be a string or null.");
  std::string t = value.get<std::string>();
  auto first = t.find_first_not_of(" \t");
  auto last = t.find_last_not_of(" \t");
  t = first == std::string::npos ? "" : t.substr(first, last - first + 1);
  if (t.empty()) return std::nullopt;  // an empty title falls back to the filename
  if (t.size() > kMaxTitleBytes)
    throw ApiError(ErrorCode::BadRequest, "\"title\" is longer than " + std::to_string(kMaxTitleBytes) + " bytes.");
  for (unsigned char c : t)
    if (c < 0x20 || c == 0x7f) throw ApiError(ErrorCode::BadRequest, "\"title\" must be one line of text.");
  return t;
}
}  // namespace

nlohmann::json SessionAdmin::known(const std::string& body) {
  auto j = parse_object(body, "{\"files\":[…]}");
  if (!j.contains("files") || !j["files"].is_array())
    throw ApiError(ErrorCode::BadRequest, "\"files\" must be an array of {\"name\",\"size\"} or {\"sha256\"}.");
  const auto& files = j["files"];
  if (files.size() > kMaxKnownQuery)
    throw ApiError(ErrorCode::BadRequest, "At most " + std::to_string(kMaxKnownQuery) + " files per question.");
  nlohmann::json known = nlohmann::json::array();
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto key = file_key(files[i], i);
    auto id = edits_.find(key);
    if (!id) continue;
    nlohmann::json entry = key.sha256.empty() ? nlohmann::json{{"name", key.name}, {"size", key.size}}
                                              : nlohmann::json{{"sha256", key.sha256}};
    entry["id"] = *id;
    known.push_back(entry);
  }
  return {{"known", known}};
}

nlohmann::json SessionAdmin::update(std::int64_t id, const std::string& body) {
  auto j = parse_object(body, "{\"title\":\"…\"}");
  if (!j.contains("title")) throw ApiError(ErrorCode::BadRequest, "Send {\"title\":\"new name\"} (null clears it).");
  if (!edits_.set_title(id, checked_title(j["title"])))
    throw ApiError(ErrorCode::NotFound, "No session with id " + std::to_string(id) + ".");
  return sessions_.get(id);
}

nlohmann::json SessionAdmin::remove(std::int64_t id) {
  auto removed = edits_.remove(id);
  if (!removed) throw ApiError(ErrorCode::NotFound, "No session with id " + std::to_string(id) + ".");
  try {
    blobs_.remove(removed->stored_name, static_cast<std::uint64_t>(removed->bytes));
  } catch (const std::exception& e) {
    // The session is gone (committed); a file left behind is only unused space.
    std::fprintf(stderr, "session %lld deleted, its stored file not: %s\n", static_cast<long long>(id), e.what());
  }
  return {{"deleted", id}};
}

}  // namespace racesense::service
