#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace racesense::test {

// What the upload contract promises about the data folder, checked from the outside (the files
// and the SQLite database, not the server's code): every stored file has its row and the bytes its
// name and row say; every row has its file; no partial upload is left in tmp/.
std::vector<std::string> store_violations(const std::filesystem::path& data_dir, bool tmp_must_be_empty);
std::map<std::string, std::int64_t> stored_sessions(const std::filesystem::path& data_dir);  // sha256 → bytes

// One upload as the logger sends it (raw body, Content-Length, X-Content-SHA256, keep-alive).
std::string upload_request(const std::string& name, const std::string& bytes, bool expect_continue = false);

// The same upload framed as curl -F sends it (multipart) or as chunked transfer coding.
std::string multipart_upload(const std::string& name, const std::string& bytes);
std::string chunked_upload(const std::string& name, const std::string& bytes, std::size_t chunk);

struct UploadReply {
  int status = 0;  // 0 = no answer (connection lost)
  std::string sha256;
  std::string body;
};
UploadReply parse_reply(const std::string& response);

// A logger's card: files that leave it only after a 200 naming their hash (docs/protocol.md §2).
class Card {
 public:
  void add(const std::string& name, const std::string& bytes) { files_[name] = bytes; }
  const std::map<std::string, std::string>& files() const { return files_; }
  void confirmed(const std::string& name) { files_.erase(name); }

 private:
  std::map<std::string, std::string> files_;
};

// Realistic sessions from the generator (GPS noise, pit lane, out/in laps), cached per process.
std::vector<std::pair<std::string, std::string>> generated_sessions(std::size_t count);

// Watches a folder with inotify for one kind of event (IN_CREATE, IN_CLOSE_WRITE, IN_MOVED_TO…).
class FolderWatch {
 public:
  FolderWatch(const std::filesystem::path& dir, std::uint32_t mask);
  ~FolderWatch();
  bool wait(int timeout_ms);  // true when the event happened

 private:
  int fd_ = -1;
};

std::mt19937_64 seeded_rng(const char* test_name);  // RS_FAULT_SEED to replay; printed

}  // namespace racesense::test
