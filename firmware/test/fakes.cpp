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
  bool resumable = !request.sha256.empty();
  if (resumable && request.offset > 0 && !partial.count(request.sha256) && completed.count(request.sha256) &&
      request.offset == request.content_length)  // the lost 200 of a completed file, answered again
    return UploadResponse{200, "{\"sha256\":\"" + request.sha256 + "\",\"laps\":" + std::to_string(reply.laps) + "}"};
  if (resumable && request.offset > 0 && (!partial.count(request.sha256) || partial[request.sha256].size() != request.offset))
    return UploadResponse{409, "{\"error\":{\"code\":\"offset_mismatch\",\"message\":\"Upload-Offset\"}}"};
  if (resumable && request.offset == 0) partial[request.sha256].clear();
  std::string received;
  char buf[1000];
  for (;;) {
    auto n = body.read(buf, sizeof buf);
    if (!n.ok()) return n.error();
    if (n.value() == 0) break;
    received.append(buf, n.value());
    if (resumable) partial[request.sha256].append(buf, n.value());
    if (reply.cut_after && received.size() >= reply.cut_after) return Error::kConnectionLost;
  }
  bodies.push_back(received);
  // A transport error after the whole body: the server never answered (stuck before its commit), so
  // it still holds the bytes as a partial.
  if (reply.error != Error::kOk) return reply.error;
  std::string whole = resumable ? partial[request.sha256] : received;
  if (resumable) partial.erase(request.sha256);  // committed or refused: the partial goes either way
  if (resumable && reply.status == 200 && reply.body.empty()) completed.insert(sha256_of(whole));
  if (reply.answer_lost) return Error::kConnectionLost;
  std::string json = reply.body.empty()
                         ? "{\"sha256\":\"" + sha256_of(whole) + "\",\"laps\":" + std::to_string(reply.laps) + "}"
                         : reply.body;
  return UploadResponse{reply.status, json};
}

Result<UploadOffset> FakeUploader::query_offset(const UploadRequest& request) {
  offset_queries.push_back(request.resume_url);
  if (offset_status) return UploadOffset{offset_status, 0, false};
  auto it = partial.find(request.sha256);
  if (it != partial.end()) return UploadOffset{204, it->second.size(), false};
  if (completed.count(request.sha256)) return UploadOffset{204, request.content_length, true};
  return UploadOffset{404, 0, false};
}

}  // namespace rs::test
