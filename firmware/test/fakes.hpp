// Fakes of the firmware's ports: they keep state and expose control methods for tests.
#pragma once

#include <deque>
#include <set>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "openssl_sha256.hpp"
#include "rscore/ports.hpp"

namespace rs::test {

class FakeFileStore : public FileStore {
 public:
  std::map<std::string, std::string> files;  // path → bytes
  int fail_next_open = 0, fail_next_rename = 0, scans = 0, opens = 0;

  void add(const std::string& path, std::string bytes) { files[path] = std::move(bytes); }
  bool has(const std::string& path) const { return files.count(path) > 0; }

  // Visits in reverse name order: the core must not rely on the card's order.
  Status scan(const std::string& folder, const std::function<bool(const FileInfo&)>& visit) override {
    ++scans;
    for (auto it = files.rbegin(); it != files.rend(); ++it) {
      const auto& [path, bytes] = *it;
      if (path.rfind(folder + "/", 0) == 0 && path.find('/', folder.size() + 1) == std::string::npos)
        if (!visit({path.substr(folder.size() + 1), bytes.size()})) break;
    }
    return {};
  }
  Result<std::uint64_t> size(const std::string& path) override {
    auto it = files.find(path);
    if (it == files.end()) return Error::kNotFound;
    return static_cast<std::uint64_t>(it->second.size());
  }
  Result<std::unique_ptr<FileReader>> open(const std::string& path) override;
  Status make_folder(const std::string&) override { return {}; }
  Status rename(const std::string& from, const std::string& to) override {
    if (fail_next_rename > 0 && fail_next_rename--) return Error::kIo;
    if (!has(from) || has(to)) return Error::kIo;
    files[to] = files[from];
    files.erase(from);
    return {};
  }
  Status remove(const std::string& path) override { return files.erase(path) ? Status() : Status(Error::kIo); }
};

class FakeWifi : public WifiStation {
 public:
  Error next_result = Error::kOk;
  int connects = 0, disconnects = 0;
  bool is_up = false;
  std::string last_ssid;
  std::function<void()> while_joining;  // runs during connect (tests use it to grow a file)
  Status connect(const std::string& ssid, const std::string&) override {
    ++connects;
    last_ssid = ssid;
    if (while_joining) while_joining();
    is_up = next_result == Error::kOk;
    return next_result;
  }
  bool up() override { return is_up; }
  void disconnect() override {
    ++disconnects;
    is_up = false;
  }
};

// Answers each post with a scripted behaviour; by default 200 with the body's real SHA-256.
class FakeUploader : public HttpUploader {
 public:
  struct Reply {
    Error error = Error::kOk;  // transport error instead of a response
    int status = 200;
    std::string body;          // empty: {"sha256": <real hash>, "laps": laps}
    int laps = 2;
    std::size_t cut_after = 0; // >0: read that many bytes then fail with kConnectionLost
    bool answer_lost = false;  // the server stored the file and answered, the answer never arrived
  };
  std::deque<Reply> script;
  std::vector<UploadRequest> requests;
  std::vector<std::string> bodies;  // the bytes each post carried
  std::vector<std::string> offset_queries;  // resume_url of each query_offset
  // A resumable server's memory: the bytes held per SHA-256 (a cut keeps what was read), and the
  // SHA-256s of completed files.
  std::map<std::string, std::string> partial;
  std::set<std::string> completed;
  int offset_status = 0;  // >0: query_offset answers this status (e.g. 404 of a server without resumption)
  int closes = 0;
  std::function<void()> on_post;  // runs at the start of each post (tests use it to cancel)

  const UploadRequest& last_request() const { return requests.back(); }
  void fail_next(Reply r) { script.push_back(r); }
  Result<UploadResponse> post(const UploadRequest& request, BodySource& body) override;
  Result<UploadOffset> query_offset(const UploadRequest& request) override;
  void close() override { ++closes; }
};

std::string sha256_of(const std::string& bytes);

}  // namespace rs::test
