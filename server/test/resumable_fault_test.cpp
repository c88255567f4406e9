// Resumable uploads under the fault suite's worst case: the server SIGKILLed at random moments of a
// creation or of a resumed append. After each restart the upload continues from the offset the
// server reports, and the store keeps the fault suite's invariants (no orphan, no half file, every
// 200 durable); the file arrives byte-identical, once.
#include <gtest/gtest.h>

#include <iostream>

#include "fault_support.hpp"
#include "resumable_support.hpp"
#include "server_process.hpp"
#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

// Sends bytes [from, size) of the file as a creation (from 0) or an append, and kills the server
// after a random part of them has gone out.
void send_then_kill(ServerProcess& server, const std::string& name, const std::string& bytes, std::uint64_t from,
                    std::mt19937_64& rng) {
  std::string sha = sha256_hex(bytes);
  RawClient c(server.port());
  c.send(from == 0 ? resumable_creation(name, sha, bytes.size(), false)
                   : resumable_append(sha, from, bytes.size() - from));
  std::uint64_t upto = from + rng() % (bytes.size() - from);
  c.send(bytes.substr(from, upto - from));
  RawClient::pause_ms(static_cast<int>(rng() % 30));  // the fault's moment, not a synchronisation
  server.kill_now();
}

TEST(ResumableFaults, ServerKilledDuringResumedUploadsLosesNothingAndEveryFileArrivesOnce) {
  auto rng = seeded_rng("ResumableFaults");
  TempDir dir;
  fs::path data = dir.path() / "data";
  auto files = generated_sessions(4);
  std::uint64_t sent = 0, total = 0;
  int kills = 0;
  for (const auto& [name, bytes] : files) {
    std::string sha = sha256_hex(bytes);
    total += bytes.size();
    std::uint64_t offset = 0;
    for (int round = 0; round < 2; ++round) {  // killed during the creation, then during an append
      ServerProcess server({data});
      if (round > 0) {
        RawClient c(server.port());
        c.send(offset_query(sha));
        auto at = c.read_response();
        if (status_of(at) == 204) offset = std::stoull(header_of(at, "Upload-Offset"));
        else offset = 0;  // killed before the partial was made
      }
      send_then_kill(server, name, bytes, offset, rng);
      ++kills;
      auto violations = store_violations(data, false);
      ASSERT_TRUE(violations.empty()) << joined(violations);
    }
    ServerProcess server({data});
    RawClient c(server.port());
    c.send(offset_query(sha));
    auto at = c.read_response();
    offset = status_of(at) == 204 ? std::stoull(header_of(at, "Upload-Offset")) : 0;
    ASSERT_LE(offset, bytes.size());
    c.send((offset == 0 ? resumable_creation(name, sha, bytes.size(), false)
                        : resumable_append(sha, offset, bytes.size() - offset)) + bytes.substr(offset));
    auto done = c.read_response(30000);
    ASSERT_EQ(status_of(done), 200) << done;
    EXPECT_NE(done.find(sha), std::string::npos);
    sent += bytes.size() - offset;
  }
  auto stored = stored_sessions(data);
  ASSERT_EQ(stored.size(), files.size());
  for (const auto& [name, bytes] : files) EXPECT_EQ(stored[sha256_hex(bytes)], static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(store_violations(data, true), std::vector<std::string>{});
  EXPECT_EQ(count_files(data / "partial"), 0u);
  std::cout << "[fault] resumable: " << kills << " kills -9, " << files.size() << " files, 0 lost; last requests carried "
            << sent << " of " << total << " bytes\n";
}

}  // namespace
}  // namespace racesense::test
