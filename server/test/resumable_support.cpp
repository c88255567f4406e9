#include "resumable_support.hpp"

#include <cstdlib>

#include "test_support.hpp"

namespace racesense::test {
namespace {
std::string auth() { return "Authorization: Bearer " + std::string(TestServer::kToken) + "\r\n"; }
}  // namespace

std::string resumable_creation(const std::string& name, const std::string& sha, std::uint64_t length,
                               bool expect_continue) {
  return "POST /api/upload HTTP/1.1\r\nHost: x\r\n" + auth() + "X-Filename: " + name +
         "\r\nX-Content-SHA256: " + sha + "\r\nUpload-Complete: ?1\r\nContent-Type: text/csv\r\nContent-Length: " +
         std::to_string(length) + "\r\n" + (expect_continue ? "Expect: 100-continue\r\n" : "") + "\r\n";
}

std::string resumable_append(const std::string& sha, std::uint64_t offset, std::uint64_t length, bool complete,
                             bool expect_continue) {
  return "PATCH /api/uploads/" + sha + " HTTP/1.1\r\nHost: x\r\n" + auth() +
         "Upload-Offset: " + std::to_string(offset) + "\r\nUpload-Complete: " + (complete ? "?1" : "?0") +
         "\r\nContent-Type: application/partial-upload\r\nContent-Length: " + std::to_string(length) + "\r\n" +
         (expect_continue ? "Expect: 100-continue\r\n" : "") + "\r\n";
}

std::string offset_query(const std::string& sha) {
  return "HEAD /api/uploads/" + sha + " HTTP/1.1\r\nHost: x\r\n" + auth() + "\r\n";
}

int status_of(const std::string& response) { return response.size() > 12 ? std::atoi(response.c_str() + 9) : 0; }

std::string header_of(const std::string& response, const std::string& name) {
  auto head = response.substr(0, response.find("\r\n\r\n"));
  auto at = head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  auto start = at + 4 + name.size();
  return head.substr(start, head.find("\r\n", start) - start);
}

}  // namespace racesense::test
