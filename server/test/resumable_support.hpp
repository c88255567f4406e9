#pragma once

#include <cstdint>
#include <string>

namespace racesense::test {

// Requests of a resumable upload (docs/protocol.md §2.2), as raw HTTP/1.1 heads.
std::string resumable_creation(const std::string& name, const std::string& sha, std::uint64_t length,
                               bool expect_continue = true);
std::string resumable_append(const std::string& sha, std::uint64_t offset, std::uint64_t length,
                             bool complete = true, bool expect_continue = false);
std::string offset_query(const std::string& sha);
int status_of(const std::string& response);
// A response header's value ("" when absent).
std::string header_of(const std::string& response, const std::string& name);

}  // namespace racesense::test
