#include "fakes.hpp"

#include <algorithm>
#include <cstring>

namespace rs::test {
namespace {
class StringReader : public FileReader {
 public:
  explicit StringReader(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<std::size_t> read(char* buf, std::size_t len) override {
    std::size_t n = std::min(len, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};
}  // namespace

std::string sha256_of(const std::string& bytes) {
  host::OpensslSha256 sha;
  sha.update(bytes.data(), bytes.size());
  return sha.hex_digest();
}

Result<std::unique_ptr<FileReader>> FakeFileStore::open(const std::string& path) {
  ++opens;
  if (fail_next_open > 0 && fail_next_open--) return Error::kIo;
  auto it = files.find(path);
  if (it == files.end()) return Error::kNotFound;
  return std::unique_ptr<FileReader>(new StringReader(it->second));
}

Result<UploadResponse> FakeUploader::post(const UploadRequest& request, BodySource& body) {
  if (on_post) on_post();
  requests.push_back(request);
  Reply reply;
  if (!script.empty()) {
    reply = script.front();
    script.pop_front();
  }
  std::string received;
  char buf[1000];
  for (;;) {
    auto n = body.read(buf, sizeof buf);
    if (!n.ok()) return n.error();
    if (n.value() == 0) break;
    received.append(buf, n.value());
    if (reply.cut_after && received.size() >= reply.cut_after) return Error::kConnectionLost;
  }
  bodies.push_back(received);
  if (reply.error != Error::kOk) return reply.error;
  std::string json = reply.body.empty()
                         ? "{\"sha256\":\"" + sha256_of(received) + "\",\"laps\":" + std::to_string(reply.laps) + "}"
                         : reply.body;
  return UploadResponse{reply.status, json};
}

}  // namespace rs::test
