#include "fault_support.hpp"

#include <poll.h>
#include <sqlite3.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace racesense::test {
namespace fs = std::filesystem;

namespace {
struct Row {
  std::string sha256, stored_name;
  std::int64_t bytes = 0;
};

std::vector<Row> session_rows(const fs::path& db_path) {
  std::vector<Row> rows;
  if (!fs::exists(db_path)) return rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_path.string());
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT sha256, stored_name, bytes FROM sessions", -1, &st, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot query sessions");
  }
  while (sqlite3_step(st) == SQLITE_ROW)
    rows.push_back({reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                    reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), sqlite3_column_int64(st, 2)});
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}
}  // namespace

std::vector<std::string> store_violations(const fs::path& data_dir, bool tmp_must_be_empty) {
  std::vector<std::string> bad;
  std::set<std::string> named;
  for (const Row& r : session_rows(data_dir / "racesense.db")) {
    named.insert(r.stored_name);
    fs::path file = data_dir / "files" / r.stored_name;
    if (!fs::exists(file)) {
      bad.push_back("row " + r.sha256 + " has no file " + r.stored_name);
      continue;
    }
    std::string bytes = read_file(file);
    if (static_cast<std::int64_t>(bytes.size()) != r.bytes || sha256_hex(bytes) != r.sha256)
      bad.push_back("file " + r.stored_name + " does not hold the bytes of its row");
  }
  std::error_code ec;
  for (auto it = fs::directory_iterator(data_dir / "files", ec); !ec && it != fs::directory_iterator(); ++it)
    if (!named.count(it->path().filename().string())) bad.push_back("orphan file " + it->path().string());
  if (tmp_must_be_empty)
    for (auto it = fs::directory_iterator(data_dir / "tmp", ec); !ec && it != fs::directory_iterator(); ++it)
      bad.push_back("partial file " + it->path().string());
  return bad;
}

std::map<std::string, std::int64_t> stored_sessions(const fs::path& data_dir) {
  std::map<std::string, std::int64_t> out;
  for (const Row& r : session_rows(data_dir / "racesense.db")) out[r.sha256] = r.bytes;
  return out;
}

std::string upload_request(const std::string& name, const std::string& bytes, bool expect_continue) {
  std::string h = "POST /api/upload HTTP/1.1\r\nHost: paddock\r\nContent-Type: text/csv\r\n";
  h += std::string("Authorization: Bearer ") + TestServer::kToken + "\r\n";
  h += "X-Filename: " + name + "\r\nX-Content-SHA256: " + sha256_hex(bytes) + "\r\n";
  if (expect_continue) h += "Expect: 100-continue\r\n";
  return h + "Content-Length: " + std::to_string(bytes.size()) + "\r\n\r\n";
}

std::string multipart_upload(const std::string& name, const std::string& bytes) {
  const std::string boundary = "------------------------RsFault7MA4YWxk";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
                     "\"\r\nContent-Type: text/csv\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
  return "POST /api/upload HTTP/1.1\r\nHost: paddock\r\nAuthorization: Bearer " + std::string(TestServer::kToken) +
         "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string chunked_upload(const std::string& name, const std::string& bytes, std::size_t chunk) {
  std::string out = "POST /api/upload HTTP/1.1\r\nHost: paddock\r\nAuthorization: Bearer " +
                    std::string(TestServer::kToken) + "\r\nX-Filename: " + name +
                    "\r\nTransfer-Encoding: chunked\r\n\r\n";
  char size[32];
  for (std::size_t at = 0; at < bytes.size(); at += chunk) {
    std::size_t n = std::min(chunk, bytes.size() - at);
    std::snprintf(size, sizeof size, "%zx\r\n", n);
    out += size + bytes.substr(at, n) + "\r\n";
  }
  return out + "0\r\n\r\n";
}

UploadReply parse_reply(const std::string& response) {
  UploadReply r;
  if (response.rfind("HTTP/1.1 ", 0) != 0) return r;
  r.status = std::atoi(response.c_str() + 9);
  auto body = response.find("\r\n\r\n");
  if (body != std::string::npos) r.body = response.substr(body + 4);
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_object() && j.contains("sha256") && j["sha256"].is_string()) r.sha256 = j["sha256"];
  return r;
}

std::vector<std::pair<std::string, std::string>> generated_sessions(std::size_t count) {
  static std::vector<std::pair<std::string, std::string>> cache;
  static const char* formats[] = {"gps_time", "tick_ms", "timestamp"};
  TempDir dir;
  while (cache.size() < count) {
    std::size_t i = cache.size();
    fs::path out = dir.path() / ("s" + std::to_string(i) + ".csv");
    int rc = run_process({RS_GEN_SESSION_BIN, "--format", formats[i % 3], "--laps", std::to_string(2 + i % 3),
                          "--seed", std::to_string(100 + i), "--start-epoch", std::to_string(1727000000 + 3600 * i),
                          "--out", out.string()});
    if (rc != 0) throw std::runtime_error("racesense-gen-session failed");
    cache.emplace_back("sess_" + std::to_string(100 + i) + ".csv", read_file(out));
  }
  return {cache.begin(), cache.begin() + static_cast<long>(count)};
}

FolderWatch::FolderWatch(const fs::path& dir, std::uint32_t mask) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0 || inotify_add_watch(fd_, dir.c_str(), mask) < 0) throw std::runtime_error("inotify failed");
}

FolderWatch::~FolderWatch() {
  if (fd_ >= 0) close(fd_);
}

bool FolderWatch::wait(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return false;
  char buf[4096];
  return read(fd_, buf, sizeof buf) > 0;
}

std::mt19937_64 seeded_rng(const char* test_name) {
  const char* env = std::getenv("RS_FAULT_SEED");
  std::uint64_t seed = env ? std::strtoull(env, nullptr, 10)
                           : static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  std::cout << "[fault] " << test_name << " seed " << seed << " (RS_FAULT_SEED=" << seed << " replays it)\n";
  return std::mt19937_64(seed);
}

}  // namespace racesense::test
