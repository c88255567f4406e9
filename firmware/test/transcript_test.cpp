// A full pairing transcript (code → w0/w1 → shares → confirmations → sealed values) made by the C++
// side and kept in vectors/pairing_transcript.json; web/src/ble/transcript.test.ts checks that the
// TypeScript side computes the very same bytes from it. Regenerate (after a deliberate protocol
// change) with RS_WRITE_TRANSCRIPT=<path> firmware_tests --gtest_filter='Transcript.*'.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "openssl_crypto.hpp"
#include "rscore/hex.hpp"
#include "rscore/pairing.hpp"
#include "racesense/protocol.hpp"
#include "rscore/sealed_channel.hpp"

#ifndef RS_TEST_DATA_DIR
#error "RS_TEST_DATA_DIR must name firmware/test/vectors"
#endif

namespace rs {
namespace {
using nlohmann::json;

Bytes hex(const std::string& text) {
  Bytes out;
  from_hex(text, out);
  return out;
}
std::string text(const Bytes& b) { return std::string(b.begin(), b.end()); }
Bytes bytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

json make_transcript() {
  host::OpensslCrypto crypto;
  host::OpensslP256 group;
  json t = {{"code", "31415926"}, {"salt", "000102030405060708090a0b0c0d0e0f"}, {"iter", protocol::kPairingPbkdf2Iterations},
            {"x", "d1232c8e8693d02368976c174e2088851b8365d0d79a9eee709c6a05a2fad539"},
            {"y", "717a72348a182085109c8d3917d6c43d59b224dc6a7fc4f0483232fa6516d8b3"},
            {"configure_plain", R"({"cmd":"cancel"})"},
            {"file_list_plain", R"({"total":1,"offset":0,"files":[{"name":"sess_1.csv","size":1234}]})"}};
  auto w = derive_password_scalars(crypto, group, t["code"], hex(t["salt"]), t["iter"]).value();
  t["w0"] = to_hex(w.w0);
  t["w1"] = to_hex(w.w1);
  SpakeProver prover(crypto, group, pairing_identity(), w.w0, w.w1);
  Bytes share_p = prover.share(hex(t["x"])).value();
  SpakeVerifier verifier(crypto, group, pairing_identity(), w.w0, group.mul_generator(w.w1).value());
  VerifierAnswer answer = verifier.respond(share_p, hex(t["y"])).value();
  Bytes confirm_p = prover.finish(answer.share_v, answer.confirm_v).value();
  EXPECT_TRUE(verifier.confirm(confirm_p));
  EXPECT_EQ(prover.shared_key(), verifier.shared_key());
  t["share_p"] = to_hex(share_p);
  t["share_v"] = to_hex(answer.share_v);
  t["confirm_v"] = to_hex(answer.confirm_v);
  t["confirm_p"] = to_hex(confirm_p);
  t["k_shared"] = to_hex(prover.shared_key());
  SealedChannel phone(crypto, prover.shared_key(), SealedChannel::Side::kPhone);
  SealedChannel logger(crypto, verifier.shared_key(), SealedChannel::Side::kLogger);
  Bytes to_logger = phone.seal(0x5003, bytes(t["configure_plain"])).value();
  Bytes to_phone = logger.seal(0x5005, bytes(t["file_list_plain"])).value();
  EXPECT_EQ(text(logger.open(0x5003, to_logger).value()), t["configure_plain"]);
  EXPECT_EQ(text(phone.open(0x5005, to_phone).value()), t["file_list_plain"]);
  t["configure_sealed"] = to_hex(to_logger);
  t["file_list_sealed"] = to_hex(to_phone);
  return t;
}

TEST(Transcript, TheCppSideStillComputesTheCommittedTranscript) {
  json made = make_transcript();
  if (const char* out = std::getenv("RS_WRITE_TRANSCRIPT")) std::ofstream(out) << made.dump(2) << "\n";
  std::ifstream in(std::string(RS_TEST_DATA_DIR) + "/pairing_transcript.json");
  ASSERT_TRUE(in.good());
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(made, json::parse(committed.str()));
}

}  // namespace
}  // namespace rs
