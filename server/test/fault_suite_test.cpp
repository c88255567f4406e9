// Fault suite (issue 10): uploads cut at random byte offsets, the server SIGKILLed at random points
// of a commit and restarted, the disk filled mid-upload, 50 slow clients. Each checks the upload
// contract from outside: no partial or orphan file, every 200 is durable, and every file of a
// logger's card is either still on the card or on the server with the same hash.
#include <gtest/gtest.h>

#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <thread>

#include "fault_support.hpp"
#include "server_process.hpp"
#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Sockets the process holds open: its listener and every connection it has not closed yet.
std::size_t open_sockets(pid_t pid) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    std::error_code ec;
    if (fs::read_symlink(e.path(), ec).string().rfind("socket:", 0) == 0) ++n;
  }
  return n;
}

// Returns once the server has accepted every connection made before (one accept loop takes them
// in order, and this request is answered after them) and closed them all again, so no cut upload
// is still to create or remove its temp file.
bool server_done_with_earlier_connections(const ServerProcess& server, std::size_t sockets_when_idle) {
  {
    RawClient c(server.port());
    c.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    if (parse_reply(c.read_response()).status != 200) return false;
  }
  return eventually([&] { return open_sockets(server.pid()) == sockets_when_idle; }, std::chrono::seconds(20));
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

// Sends each card file over one keep-alive connection, as the logger does, and takes a file off
// the card only on a 200 naming its hash. Stops at the first lost connection.
struct Logger {
  Card& card;
  std::vector<std::string> confirmed;  // sha256 of every 200 received
  int answers_500 = 0, answers_507 = 0;

  void sync(std::uint16_t port) {
    try {
      RawClient c(port);
      auto files = card.files();
      for (const auto& [name, bytes] : files) {
        c.send(upload_request(name, bytes) + bytes);
        UploadReply r = parse_reply(c.read_response(30000));
        if (r.status == 0) return;
        if (r.status == 500) ++answers_500;
        if (r.status == 507) ++answers_507;
        if (r.status != 200) return;
        if (r.sha256 != sha256_hex(bytes)) return;
        confirmed.push_back(r.sha256);
        card.confirmed(name);
      }
    } catch (const std::exception&) {
      // The server went away: what is unconfirmed stays on the card.
    }
  }
};

class FaultSuite : public ::testing::Test {
 protected:
  fs::path data() const { return dir_.path() / "data"; }

  // Every 200 durable and every card file on the card or on the server with the same hash.
  void expect_nothing_lost(const std::vector<std::pair<std::string, std::string>>& originals, const Card& card,
                           const std::vector<std::string>& confirmed) {
    auto stored = stored_sessions(data());
    for (const auto& sha : confirmed) EXPECT_TRUE(stored.count(sha)) << "a 200 was not durable: " << sha;
    for (const auto& [name, bytes] : originals)
      EXPECT_TRUE(card.files().count(name) || stored.count(sha256_hex(bytes))) << name << " was lost";
  }
  TempDir dir_;
};

// Raw, multipart and chunked bodies, each cut at a random byte (head or body), by FIN or RST.
TEST_F(FaultSuite, UploadsCutAtRandomOffsetsLeaveNoPartialFileAndNoSession) {
  auto rng = seeded_rng("cut uploads");
  auto sessions = generated_sessions(6);
  ServerProcess server({data()});
  const std::size_t sockets_when_idle = open_sockets(server.pid());
  const int tries = 120;
  for (int i = 0; i < tries; ++i) {
    const auto& [name, bytes] = sessions[rng() % sessions.size()];
    std::string request = i % 3 == 0   ? upload_request(name, bytes) + bytes
                          : i % 3 == 1 ? multipart_upload(name, bytes)
                                       : chunked_upload(name, bytes, 1000 + rng() % 30000);
    std::size_t cut = rng() % request.size();
    RawClient c(server.port());
    c.send(request.substr(0, cut));
    if (rng() % 2) c.reset();  // RST instead of FIN
    else c.close();
  }
  ASSERT_TRUE(server_done_with_earlier_connections(server, sockets_when_idle))
      << open_sockets(server.pid()) - sockets_when_idle << " cut connections still open on the server";
  EXPECT_EQ(count_files(data() / "tmp"), 0u) << "partial files stay in tmp/";
  std::size_t partial = count_files(data() / "tmp"), from_cut = stored_sessions(data()).size();
  EXPECT_EQ(store_violations(data(), true), std::vector<std::string>{});
  EXPECT_EQ(from_cut, 0u) << "a cut upload became a session";

  Card card;
  for (const auto& [name, bytes] : sessions) card.add(name, bytes);
  Logger logger{card};
  logger.sync(server.port());
  EXPECT_TRUE(card.files().empty());
  EXPECT_EQ(stored_sessions(data()).size(), sessions.size());
  EXPECT_EQ(store_violations(data(), true), std::vector<std::string>{});
  std::cout << "[fault] cut uploads: " << tries << " tried, " << partial << " partial files left, " << from_cut
            << " sessions from cut uploads; then " << sessions.size() << " complete uploads stored\n";
}

// What moment of an upload the server is killed at.
enum class KillAt { RandomTime, TempFileCreated, BodySyncedAndClosed, RenamedIntoStore };

void kill_at(ServerProcess& server, const fs::path& data, KillAt when, std::mt19937_64& rng) {
  std::uint32_t mask = 0;
  fs::path dir = data / "tmp";
  switch (when) {
    case KillAt::RandomTime: break;
    case KillAt::TempFileCreated: mask = IN_CREATE; break;
    case KillAt::BodySyncedAndClosed: mask = IN_CLOSE_WRITE; break;
    case KillAt::RenamedIntoStore: mask = IN_MOVED_TO, dir = data / "files"; break;
  }
  if (mask == 0) {
    RawClient::pause_ms(static_cast<int>(rng() % 400));  // the fault's moment, not a synchronisation
  } else {
    FolderWatch watch(dir, mask);
    watch.wait(5000);
  }
  server.kill_now();
}

TEST_F(FaultSuite, ServerKilledAtRandomPointsOfACommitLosesNothingAndLeavesNoOrphan) {
  auto rng = seeded_rng("kill -9");
  auto originals = generated_sessions(40);  // enough for 24 kills: some rounds confirm several files
  Card card;
  for (const auto& [name, bytes] : originals) card.add(name, bytes);
  std::vector<std::string> confirmed;
  int kills = 0, rounds = 0;
  const KillAt moments[] = {KillAt::RandomTime, KillAt::TempFileCreated, KillAt::BodySyncedAndClosed,
                            KillAt::RenamedIntoStore};
  for (; rounds < 40 && !card.files().empty(); ++rounds) {
    auto server = std::make_unique<ServerProcess>(ServerProcess::Options{data()});
    auto violations = store_violations(data(), true);
    ASSERT_TRUE(violations.empty()) << "after restart " << rounds << ":\n" << joined(violations);
    expect_nothing_lost(originals, card, confirmed);
    if (kills >= 24) {  // enough kills: let the last rounds finish the sync
      Logger logger{card};
      logger.sync(server->port());
      confirmed.insert(confirmed.end(), logger.confirmed.begin(), logger.confirmed.end());
      continue;
    }
    Logger logger{card};
    std::thread device([&] { logger.sync(server->port()); });
    kill_at(*server, data(), moments[rounds % 4], rng);
    ++kills;
    device.join();
    confirmed.insert(confirmed.end(), logger.confirmed.begin(), logger.confirmed.end());
  }
  ServerProcess last({data()});
  EXPECT_EQ(store_violations(data(), true), std::vector<std::string>{});
  Logger finisher{card};
  finisher.sync(last.port());
  confirmed.insert(confirmed.end(), finisher.confirmed.begin(), finisher.confirmed.end());
  expect_nothing_lost(originals, card, confirmed);
  EXPECT_TRUE(card.files().empty()) << card.files().size() << " files never got through";
  EXPECT_EQ(stored_sessions(data()).size(), originals.size()) << "a session was duplicated or lost";
  std::size_t lost = 0, stored_count = stored_sessions(data()).size();
  for (const auto& [name, bytes] : originals)
    lost += card.files().count(name) || stored_sessions(data()).count(sha256_hex(bytes)) ? 0 : 1;
  std::cout << "[fault] kill -9: " << kills << " kills over " << rounds << " restarts, " << confirmed.size()
            << " 200s; " << originals.size() << " card files, " << lost << " lost, " << stored_count << " sessions\n";
}

// A small size-limited folder: a tmpfs mount (root only).
class SmallDisk {
 public:
  SmallDisk(const fs::path& where, std::size_t megabytes) : path_(where) {
    fs::create_directories(where);
    std::string opts = "size=" + std::to_string(megabytes) + "m";
    mounted_ = mount("tmpfs", where.c_str(), "tmpfs", 0, opts.c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  // Writes a filler file until the disk is full, less `leave` bytes.
  void fill(std::size_t leave) {
    std::ofstream out(path_ / ("filler-" + std::to_string(fillers_++)), std::ios::binary);
    std::string block(64 * 1024, 'f');
    for (;;) {
      std::size_t free = free_bytes();
      if (free <= leave) break;
      std::size_t n = std::min(block.size(), free - leave);
      out.write(block.data(), static_cast<std::streamsize>(n));
      out.flush();
      if (!out) break;
    }
  }
  void empty_fillers() {
    for (int i = 0; i < fillers_; ++i) fs::remove(path_ / ("filler-" + std::to_string(i)));
  }
  std::size_t free_bytes() const { return fs::space(path_).available; }

 private:
  fs::path path_;
  bool mounted_ = false;
  int fillers_ = 0;
};

TEST_F(FaultSuite, DiskFilledMidUploadAnswers507AndLeavesNothingHalfStored) {
  SmallDisk disk(dir_.path() / "small", 24);
  if (!disk.mounted()) GTEST_SKIP() << "no size-limited folder (mounting a tmpfs needs root): disk-full faults not run";
  fs::path data = dir_.path() / "small" / "data";
  auto sessions = generated_sessions(8);
  ServerProcess server({data});
  int answered_507 = 0, answered_200 = 0, rounds_with_violations = 0;
  std::vector<std::string> confirmed;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const auto& [name, bytes] = sessions[i];
    RawClient c(server.port());
    std::string answer;
    if (i % 2 == 0) {
      // Full while the body streams: the disk fills after the server said 100 Continue.
      c.send(upload_request(name, bytes, true));
      std::string cont = c.read_response(10000);
      ASSERT_EQ(cont.rfind("HTTP/1.1 100", 0), 0u) << cont;
      disk.fill(16 * 1024);
      try {
        c.send(bytes);
      } catch (const std::exception&) {
        // The server may close after answering 507 before the whole body was sent.
      }
      answer = c.read_response(10000);
    } else {
      // Full between the body and the commit: the disk fills once the body is synced and closed.
      FolderWatch closed(data / "tmp", IN_CLOSE_WRITE);
      c.send(upload_request(name, bytes) + bytes);
      if (closed.wait(10000)) disk.fill(0);
      answer = c.read_response(10000);
    }
    UploadReply r = parse_reply(answer);
    EXPECT_TRUE(r.status == 200 || r.status == 507) << "upload " << i << " got " << r.status << ": " << r.body;
    if (r.status == 200) {
      ++answered_200;
      confirmed.push_back(r.sha256);
    }
    if (r.status == 507) ++answered_507;
    c.close();
    EXPECT_TRUE(eventually([&] { return count_files(data / "tmp") == 0; }, std::chrono::seconds(10)));
    auto violations = store_violations(data, true);
    EXPECT_TRUE(violations.empty()) << "after upload " << i << ":\n" << joined(violations);
    rounds_with_violations += violations.empty() ? 0 : 1;
    disk.empty_fillers();
  }
  auto stored = stored_sessions(data);
  for (const auto& sha : confirmed) EXPECT_TRUE(stored.count(sha));
  EXPECT_GE(answered_507, 4) << "the disk-full moments were not reached";
  // With room again, every file goes through.
  Card card;
  for (const auto& [name, bytes] : sessions) card.add(name, bytes);
  Logger logger{card};
  logger.sync(server.port());
  EXPECT_TRUE(card.files().empty());
  EXPECT_EQ(store_violations(data, true), std::vector<std::string>{});
  std::cout << "[fault] disk full: " << sessions.size() << " uploads, " << answered_507 << " answered 507, "
            << answered_200 << " answered 200, " << rounds_with_violations << " left a partial or orphan file\n";
}

TEST_F(FaultSuite, FiftySlowClientsAllLandWhileTheServerStaysResponsive) {
  auto sessions = generated_sessions(5);
  std::vector<std::pair<std::string, std::string>> files;  // logs cut short by a power loss: 50 distinct files
  for (int k = 0; k < 50; ++k) {
    const std::string& full = sessions[k % 5].second;
    std::size_t cut = full.find('\n', full.size() * (40 + k) / 100);
    files.emplace_back("slow_" + std::to_string(k) + ".csv", full.substr(0, cut + 1));
  }
  ServerProcess server({data()});
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (const auto& [name, bytes] : files) {
    clients.emplace_back([&, name = name, bytes = bytes] {
      try {
        RawClient c(server.port());
        std::string request = upload_request(name, bytes) + bytes;
        const std::size_t pieces = 20;
        for (std::size_t p = 0; p < pieces; ++p) {
          std::size_t from = request.size() * p / pieces, to = request.size() * (p + 1) / pieces;
          c.send(request.substr(from, to - from));
          RawClient::pause_ms(50);  // a trickling link
        }
        UploadReply r = parse_reply(c.read_response(60000));
        if (r.status == 200 && r.sha256 == sha256_hex(bytes)) ++ok;
      } catch (const std::exception&) {
      }
    });
  }
  double worst_health_ms = 0;
  for (int i = 0; i < 10; ++i) {
    auto t0 = Clock::now();
    auto health = curl({"--max-time", "10", "http://127.0.0.1:" + std::to_string(server.port()) + "/api/health"});
    worst_health_ms = std::max(worst_health_ms, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    EXPECT_EQ(health.status, 200);
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), 50);
  EXPECT_EQ(stored_sessions(data()).size(), 50u);
  EXPECT_EQ(store_violations(data(), true), std::vector<std::string>{});
  EXPECT_LT(worst_health_ms, 5000);
  std::cout << "[fault] slow clients: 50 trickling uploads, " << ok.load() << " stored; health answered within "
            << worst_health_ms << " ms\n";
}

}  // namespace
}  // namespace racesense::test
