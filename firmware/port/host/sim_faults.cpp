#include "sim_faults.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace rs::host {
namespace {
// Where a lost server's address now leads: a port nothing listens on, so connecting is refused.
constexpr const char* kGoneUrl = "http://127.0.0.1:1/api/upload";

class CountingBody : public BodySource {
 public:
  CountingBody(BodySource& inner, FaultyUploader& faults, std::uint64_t offset)
      : inner_(inner), faults_(faults), sent_(offset) {}
  Result<std::size_t> read(char* buf, std::size_t len) override {
    if (faults_.on_sent(sent_)) return Error::kConnectionLost;
    auto n = inner_.read(buf, len);
    if (n.ok()) sent_ += n.value();
    return n;
  }

 private:
  BodySource& inner_;
  FaultyUploader& faults_;
  std::uint64_t sent_;  // bytes of the file before the next one, counted from its start
};

bool parse_number(const std::string& s, long long& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtoll(s.c_str(), &end, 10);
  return *end == '\0' && out >= 0;
}
}  // namespace

std::optional<FaultSpec> parse_fault(const std::string& spec, std::string& error) {
  FaultSpec f;
  auto at = spec.find('@');
  std::string kind = spec.substr(0, at);
  if (kind == "wifi-drop") f.kind = FaultSpec::Kind::kWifiDrop;
  else if (kind == "server-lost") f.kind = FaultSpec::Kind::kServerLost;
  else if (kind == "card-full") f.kind = FaultSpec::Kind::kCardFull;
  else {
    error = "unknown fault '" + kind + "' (wifi-drop, server-lost, card-full)";
    return std::nullopt;
  }
  std::string where = at == std::string::npos ? "" : spec.substr(at + 1);
  auto plus = where.find('+');
  std::string down = plus == std::string::npos ? "" : where.substr(plus + 1);
  where = where.substr(0, plus);
  auto colon = where.find(':');
  long long file = 0, byte = 0, ms = 0;
  if (!parse_number(where.substr(0, colon), file) || file < 1 ||
      (colon != std::string::npos && !parse_number(where.substr(colon + 1), byte)) ||
      (!down.empty() && (!parse_number(down, ms) || f.kind != FaultSpec::Kind::kWifiDrop))) {
    error = "expected KIND@FILE[:BYTE][+MS], e.g. wifi-drop@2:5000+1500, got '" + spec + "'";
    return std::nullopt;
  }
  f.file = static_cast<int>(file);
  f.at_byte = static_cast<std::uint64_t>(byte);
  if (!down.empty()) f.down_ms = static_cast<int>(ms);
  return f;
}

Status FillableCard::make_folder(const std::string& folder) {
  if (full_) return Error::kNoSpace;
  return inner_.make_folder(folder);
}

Status FillableCard::rename(const std::string& from, const std::string& to) {
  if (full_) return Error::kNoSpace;
  return inner_.rename(from, to);
}

bool FaultyUploader::on_sent(std::uint64_t sent) {
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (it->file != file_index_ || sent < it->at_byte) continue;
    FaultSpec f = *it;
    faults_.erase(it);  // each fault fires once
    static const char* names[] = {"wifi-drop", "server-lost", "card-full"};
    std::fprintf(stderr, "FAULT %s fired: file %d (%s), %llu bytes sent\n", names[static_cast<int>(f.kind)], file_index_,
                 current_file_.c_str(), static_cast<unsigned long long>(sent));
    switch (f.kind) {
      case FaultSpec::Kind::kWifiDrop: wifi_.drop(f.down_ms); return true;
      case FaultSpec::Kind::kServerLost: server_lost_ = true; return true;
      case FaultSpec::Kind::kCardFull: card_.fill(); return false;
    }
  }
  return false;
}

Result<UploadResponse> FaultyUploader::post(const UploadRequest& request, BodySource& body) {
  if (request.filename != current_file_) {
    current_file_ = request.filename;
    ++file_index_;
  }
  UploadRequest sent = request;
  if (server_lost_) sent.url = sent.resume_url = kGoneUrl;
  CountingBody counting(body, *this, request.offset);
  return inner_.post(sent, counting);
}

Result<UploadOffset> FaultyUploader::query_offset(const UploadRequest& request) {
  UploadRequest sent = request;
  if (server_lost_) sent.resume_url = kGoneUrl;
  return inner_.query_offset(sent);
}

}  // namespace rs::host
