// Resumable uploads (issue 10 item 4, docs/protocol.md §2.2) over real sockets: the offset after a
// cut, resuming from it, hash mismatch, expiry, quota, a newer request taking over an upload, and
// the original POST /api/upload unchanged beside them.
#include <gtest/gtest.h>

#include <sys/inotify.h>

#include <chrono>
#include <functional>

#include "fault_support.hpp"
#include "resumable_support.hpp"
#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

class ResumableUploadTest : public ::testing::Test {
 protected:
  fs::path data() const { return dir_.path() / "data"; }
  fs::path partial_file(const std::string& sha) const { return data() / "partial" / (sha + ".part"); }

  // The first `cut` bytes go out in a creation request, then the connection is closed (a link lost).
  void send_cut(std::uint16_t port, const std::string& name, const std::string& bytes, std::size_t cut) {
    RawClient c(port);
    c.send(resumable_creation(name, sha256_hex(bytes), bytes.size()));
    ASSERT_EQ(status_of(c.read_response()), 100);
    c.send(bytes.substr(0, cut));
    // The link ends after these bytes; once the server closed its side it has stored all of them
    // (a request arriving earlier takes the upload over and may leave bytes unread in the socket).
    c.end_sending();
    ASSERT_TRUE(c.wait_closed(10000));
  }
  std::string ask_offset(RawClient& c, const std::string& sha) {
    c.send(offset_query(sha));
    return c.read_response();
  }
  nlohmann::json sessions(TestServer& server) {
    auto a = auth_header();
    a.push_back(server.url("/api/sessions"));
    return curl(a).json()["sessions"];
  }
  std::string stored_bytes(TestServer& server, std::int64_t id) {
    auto a = auth_header();
    a.push_back(server.url("/api/sessions/" + std::to_string(id) + "/csv"));
    return curl(a).body;
  }
  TempDir dir_;
};

TEST_F(ResumableUploadTest, ACutUploadResumesFromTheDurableOffsetAndGivesTheSameLapsAsAWholeOne) {
  auto [name, bytes] = generated_sessions(1)[0];
  std::string sha = sha256_hex(bytes);
  nlohmann::json whole;
  {
    TempDir other;
    TestServer reference(other.path() / "data");
    RawClient c(reference.port());
    c.send(resumable_creation(name, sha, bytes.size(), false) + bytes);
    auto r = c.read_response();
    ASSERT_EQ(status_of(r), 200) << r;
    whole = nlohmann::json::parse(r.substr(r.find("\r\n\r\n") + 4));
  }
  ASSERT_GT(whole["laps"].get<int>(), 0);

  TestServer server(data());
  std::size_t cut = bytes.size() * 3 / 7;
  send_cut(server.port(), name, bytes, cut);
  RawClient c(server.port());
  auto at = ask_offset(c, sha);
  ASSERT_EQ(status_of(at), 204) << at;
  EXPECT_EQ(header_of(at, "Upload-Offset"), std::to_string(cut));  // every byte that arrived, fsync'd
  EXPECT_EQ(header_of(at, "Upload-Complete"), "?0");
  EXPECT_EQ(header_of(at, "Upload-Length"), std::to_string(bytes.size()));
  EXPECT_NE(header_of(at, "Upload-Limit").find("expires="), std::string::npos);
  EXPECT_EQ(header_of(at, "Cache-Control"), "no-store");
  EXPECT_EQ(fs::file_size(partial_file(sha)), cut);

  c.send(resumable_append(sha, cut, bytes.size() - cut) + bytes.substr(cut));  // same connection
  auto done = c.read_response();
  ASSERT_EQ(status_of(done), 200) << done;
  auto reply = nlohmann::json::parse(done.substr(done.find("\r\n\r\n") + 4));
  EXPECT_EQ(reply["sha256"], sha);
  EXPECT_EQ(reply["duplicate"], false);
  EXPECT_EQ(reply["laps"], whole["laps"]);
  EXPECT_EQ(reply["best_lap_ms"], whole["best_lap_ms"]);
  EXPECT_EQ(reply["filename"], name);
  EXPECT_EQ(stored_bytes(server, reply["id"]), bytes);
  EXPECT_EQ(sessions(server).size(), 1u);
  EXPECT_FALSE(fs::exists(partial_file(sha)));
  EXPECT_EQ(count_files(data() / "partial"), 0u);
}

TEST_F(ResumableUploadTest, AWrongOffsetIs409WithTheStoredOne) {
  auto [name, bytes] = generated_sessions(1)[0];
  std::string sha = sha256_hex(bytes);
  TestServer server(data());
  send_cut(server.port(), name, bytes, 1000);
  RawClient c(server.port());
  c.send(resumable_append(sha, 2000, bytes.size() - 2000, true, true));
  auto r = c.read_response();
  EXPECT_EQ(status_of(r), 409) << r;
  EXPECT_EQ(header_of(r, "Upload-Offset"), "1000");
  EXPECT_NE(r.find("offset_mismatch"), std::string::npos);
  RawClient again(server.port());
  EXPECT_EQ(header_of(ask_offset(again, sha), "Upload-Offset"), "1000");  // nothing lost by the refusal
}

TEST_F(ResumableUploadTest, BytesThatDoNotHashToTheNameAre422AndTheWholePartialGoes) {
  auto [name, bytes] = generated_sessions(1)[0];
  std::string sha = sha256_hex(bytes);
  std::string damaged = bytes;
  damaged[damaged.size() - 10] ^= 1;  // flipped on the way, after the cut
  TestServer server(data());
  send_cut(server.port(), name, bytes, 5000);
  RawClient c(server.port());
  c.send(resumable_append(sha, 5000, bytes.size() - 5000) + damaged.substr(5000));
  auto r = c.read_response();
  EXPECT_EQ(status_of(r), 422) << r;
  EXPECT_NE(r.find("hash_mismatch"), std::string::npos);
  RawClient next(server.port());
  EXPECT_EQ(status_of(ask_offset(next, sha)), 404);  // start again from byte 0
  EXPECT_EQ(count_files(data() / "partial"), 0u);
  EXPECT_TRUE(sessions(server).empty());
}

TEST_F(ResumableUploadTest, APartialExpiresAfterItsLastByteAndAtStartup) {
  auto sessions_made = generated_sessions(2);
  std::string sha0 = sha256_hex(sessions_made[0].second), sha1 = sha256_hex(sessions_made[1].second);
  auto age = [&](const std::string& sha) {  // the last byte arrived 25 hours ago
    fs::last_write_time(partial_file(sha), fs::file_time_type::clock::now() - std::chrono::hours(25));
  };
  {
    TestServer server(data());
    send_cut(server.port(), sessions_made[0].first, sessions_made[0].second, 3000);
    send_cut(server.port(), sessions_made[1].first, sessions_made[1].second, 3000);
    RawClient c(server.port());
    ASSERT_EQ(status_of(ask_offset(c, sha0)), 204);
    ASSERT_EQ(status_of(ask_offset(c, sha1)), 204);
    age(sha0);
    auto r = ask_offset(c, sha0);
    EXPECT_EQ(status_of(r), 404) << r;
    EXPECT_NE(r.find("POST /api/upload"), std::string::npos);  // says what to do
    EXPECT_FALSE(fs::exists(partial_file(sha0)));
    age(sha1);
  }
  TestServer restarted(data());  // the expired one left while the server was down goes at start
  EXPECT_FALSE(fs::exists(partial_file(sha1)));
  EXPECT_EQ(count_files(data() / "partial"), 0u);
}

TEST_F(ResumableUploadTest, PartialBytesCountInTheQuota) {
  auto made = generated_sessions(2);
  ServerConfig c;
  c.quota_bytes = made[0].second.size() + made[1].second.size() - 20;  // both fit, not with 10 bytes more
  c.disk_reserve_bytes = 0;
  {
    TestServer server(data(), c);
    send_cut(server.port(), made[0].first, made[0].second, made[0].second.size() - 10);
    RawClient client(server.port());
    ASSERT_EQ(header_of(ask_offset(client, sha256_hex(made[0].second)), "Upload-Offset"),
              std::to_string(made[0].second.size() - 10));  // the cut request has ended
    client.send(resumable_creation(made[1].first, sha256_hex(made[1].second), made[1].second.size()));
    EXPECT_EQ(status_of(client.read_response()), 507);  // refused before the body: the partial holds the room
  }
  TestServer restarted(data(), c);  // counted again after a restart
  RawClient client(restarted.port());
  client.send(resumable_creation(made[1].first, sha256_hex(made[1].second), made[1].second.size()));
  EXPECT_EQ(status_of(client.read_response()), 507);
  RawClient cancel(restarted.port());
  cancel.send("DELETE /api/uploads/" + sha256_hex(made[0].second) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
              TestServer::kToken + "\r\n\r\n");
  EXPECT_EQ(status_of(cancel.read_response()), 204);
  RawClient fits(restarted.port());
  fits.send(resumable_creation(made[1].first, sha256_hex(made[1].second), made[1].second.size(), false) + made[1].second);
  EXPECT_EQ(status_of(fits.read_response()), 200);
}

TEST_F(ResumableUploadTest, AnIdlePartialIsSweptWithoutBeingAskedFor) {
  auto [name, bytes] = generated_sessions(1)[0];
  std::string sha = sha256_hex(bytes);
  ServerConfig c;
  c.partial_expiry = std::chrono::seconds(1);  // swept every second
  TestServer server(data(), c);
  send_cut(server.port(), name, bytes, 4000);
  RawClient client(server.port());
  ASSERT_EQ(header_of(ask_offset(client, sha), "Upload-Offset"), "4000");
  FolderWatch removed(data() / "partial", IN_DELETE);
  for (int event = 0; event < 2 && count_files(data() / "partial") > 0; ++event)  // the bytes, then the metadata
    EXPECT_TRUE(removed.wait(10000));
  EXPECT_EQ(status_of(ask_offset(client, sha)), 404);
  EXPECT_EQ(count_files(data() / "partial"), 0u);
}

TEST_F(ResumableUploadTest, ADraftClientIsTold104WithTheUploadResource) {
  auto [name, bytes] = generated_sessions(1)[0];
  std::string sha = sha256_hex(bytes);
  TestServer server(data());
  RawClient c(server.port());
  auto head = resumable_creation(name, sha, bytes.size());
  c.send(head.substr(0, head.size() - 2) + "Upload-Draft-Interop-Version: 6\r\n\r\n");
  auto interim = c.read_response();
  EXPECT_EQ(status_of(interim), 104) << interim;
  EXPECT_EQ(header_of(interim, "Location"), "/api/uploads/" + sha);
  EXPECT_EQ(status_of(c.read_response()), 100);
  c.send(bytes);
  EXPECT_EQ(status_of(c.read_response()), 200);
}

// The logger comes back on a new connection while the server still waits on the old one (a link
// lost without a FIN): the newer request takes the upload over; one session results.
TEST_F(ResumableUploadTest, ANewerRequestForTheSameHashTakesTheUploadOver) {
  auto [name, bytes] = generated_sessions(1)[0];
  std::string sha = sha256_hex(bytes);
  TestServer server(data());
  RawClient stale(server.port());
  stale.send(resumable_creation(name, sha, bytes.size()));
  ASSERT_EQ(status_of(stale.read_response()), 100);
  std::size_t half = bytes.size() / 2;
  stale.send(bytes.substr(0, half));

  RawClient fresh(server.port());
  auto at = ask_offset(fresh, sha);  // interrupts the stale request, waits for its bytes to be durable
  ASSERT_EQ(status_of(at), 204) << at;
  std::uint64_t offset = std::stoull(header_of(at, "Upload-Offset"));
  EXPECT_LE(offset, half);  // what the server had read when it dropped the stale connection
  EXPECT_EQ(fs::file_size(partial_file(sha)), offset);
  EXPECT_TRUE(stale.wait_closed(5000));
  fresh.send(resumable_append(sha, offset, bytes.size() - offset) + bytes.substr(offset));
  auto done = fresh.read_response();
  ASSERT_EQ(status_of(done), 200) << done;
  auto list = sessions(server);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(stored_bytes(server, list[0]["id"]), bytes);
}

TEST_F(ResumableUploadTest, ALost200IsAnsweredAgainWithoutTheBytes) {
  auto [name, bytes] = generated_sessions(1)[0];
  std::string sha = sha256_hex(bytes);
  TestServer server(data());
  RawClient c(server.port());
  c.send(resumable_creation(name, sha, bytes.size(), false) + bytes);
  auto first = c.read_response();
  ASSERT_EQ(status_of(first), 200);
  auto at = ask_offset(c, sha);
  EXPECT_EQ(header_of(at, "Upload-Complete"), "?1");
  EXPECT_EQ(header_of(at, "Upload-Offset"), std::to_string(bytes.size()));
  c.send(resumable_append(sha, bytes.size(), 0));
  auto again = c.read_response();
  ASSERT_EQ(status_of(again), 200) << again;
  auto reply = nlohmann::json::parse(again.substr(again.find("\r\n\r\n") + 4));
  EXPECT_EQ(reply["sha256"], sha);
  EXPECT_EQ(reply["duplicate"], true);
  EXPECT_EQ(sessions(server).size(), 1u);
}

TEST_F(ResumableUploadTest, PartialRequestsAppendUntilUploadCompleteAndTheUnresumableUploadStillWorks) {
  auto made = generated_sessions(2);
  auto [name, bytes] = made[0];
  std::string sha = sha256_hex(bytes);
  TestServer server(data());
  RawClient c(server.port());
  std::size_t third = bytes.size() / 3;
  c.send("POST /api/upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(TestServer::kToken) +
         "\r\nX-Filename: " + name + "\r\nX-Content-SHA256: " + sha + "\r\nUpload-Complete: ?0\r\nUpload-Length: " +
         std::to_string(bytes.size()) + "\r\nContent-Length: " + std::to_string(third) + "\r\n\r\n" +
         bytes.substr(0, third));
  auto part = c.read_response();
  EXPECT_EQ(status_of(part), 204) << part;
  EXPECT_EQ(header_of(part, "Upload-Offset"), std::to_string(third));
  c.send(resumable_append(sha, third, third, false) + bytes.substr(third, third));
  EXPECT_EQ(header_of(c.read_response(), "Upload-Offset"), std::to_string(2 * third));
  c.send(resumable_append(sha, 2 * third, bytes.size() - 2 * third) + bytes.substr(2 * third));
  EXPECT_EQ(status_of(c.read_response()), 200);

  auto f = dir_.path() / "plain.csv";  // curl, the web app's SD upload, old loggers
  write_file(f, made[1].second);
  auto a = auth_header();
  a.insert(a.end(), {"-F", "file=@" + f.string(), server.url("/api/upload")});
  auto plain = curl(a);
  EXPECT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(plain.json()["sha256"], sha256_hex(made[1].second));
  EXPECT_EQ(sessions(server).size(), 2u);
}

TEST_F(ResumableUploadTest, MalformedResumableHeadersAre400) {
  TestServer server(data());
  std::string sha(64, 'a');
  auto refused = [&](const std::string& request) {
    RawClient c(server.port());
    c.send(request);
    return status_of(c.read_response());
  };
  std::string auth = "Authorization: Bearer " + std::string(TestServer::kToken) + "\r\n";
  EXPECT_EQ(refused("POST /api/upload HTTP/1.1\r\nHost: x\r\n" + auth + "Upload-Complete: ?1\r\nContent-Length: 3\r\n\r\nabc"), 400);
  EXPECT_EQ(refused("POST /api/upload HTTP/1.1\r\nHost: x\r\n" + auth + "X-Content-SHA256: " + sha +
                    "\r\nUpload-Complete: yes\r\nContent-Length: 3\r\n\r\nabc"), 400);
  EXPECT_EQ(refused("PATCH /api/uploads/" + sha + " HTTP/1.1\r\nHost: x\r\n" + auth +
                    "Upload-Complete: ?1\r\nContent-Length: 3\r\n\r\nabc"), 400);  // no Upload-Offset
  EXPECT_EQ(refused("PATCH /api/uploads/" + sha + " HTTP/1.1\r\nHost: x\r\n" + auth +
                    "Upload-Offset: -1\r\nUpload-Complete: ?1\r\nContent-Length: 3\r\n\r\nabc"), 400);
  EXPECT_EQ(refused("HEAD /api/uploads/xyz HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"), 400);
  EXPECT_EQ(refused("HEAD /api/uploads/" + sha + " HTTP/1.1\r\nHost: x\r\n\r\n"), 401);
  EXPECT_EQ(refused("GET /api/uploads/" + sha + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"), 405);
  RawClient preflight(server.port());  // a browser's CORS preflight, without the token
  preflight.send("OPTIONS /api/uploads/" + sha + " HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                 "Access-Control-Request-Method: PATCH\r\n\r\n");
  auto allowed = preflight.read_response();
  EXPECT_EQ(status_of(allowed), 204) << allowed;
  EXPECT_NE(header_of(allowed, "Access-Control-Allow-Headers").find("Upload-Offset"), std::string::npos);
}

}  // namespace
}  // namespace racesense::test
