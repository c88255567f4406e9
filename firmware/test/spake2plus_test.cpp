// SPAKE2+ against RFC 9383's published test vector (Appendix C, P256-SHA256-HKDF-SHA256-HMAC-SHA256),
// with the host's OpenSSL primitives, and both roles against each other.
#include <gtest/gtest.h>

#include "openssl_crypto.hpp"
#include "rscore/hex.hpp"
#include "rscore/spake2plus.hpp"

namespace rs {
namespace {

Bytes hex(const char* text) {
  Bytes out;
  EXPECT_TRUE(from_hex(text, out)) << text;
  return out;
}

// Transcribed from RFC 9383, Appendix C.
const SpakeIdentity kRfcIdentity{"SPAKE2+-P256-SHA256-HKDF-SHA256-HMAC-SHA256 Test Vectors", "client", "server"};
const char* kW0 = "bb8e1bbcf3c48f62c08db243652ae55d3e5586053fca77102994f23ad95491b3";
const char* kW1 = "7e945f34d78785b8a3ef44d0df5a1a97d6b3b460409a345ca7830387a74b1dba";
const char* kL =
    "04eb7c9db3d9a9eb1f8adab81b5794c1f13ae3e225efbe91ea487425854c7fc00f00bfedcbd09b2400142d40a14f2064ef31dfaa903b91d1faea7093d835966efd";
const char* kX = "d1232c8e8693d02368976c174e2088851b8365d0d79a9eee709c6a05a2fad539";
const char* kShareP =
    "04ef3bd051bf78a2234ec0df197f7828060fe9856503579bb1733009042c15c0c1de127727f418b5966afadfdd95a6e4591d171056b333dab97a79c7193e341727";
const char* kY = "717a72348a182085109c8d3917d6c43d59b224dc6a7fc4f0483232fa6516d8b3";
const char* kShareV =
    "04c0f65da0d11927bdf5d560c69e1d7d939a05b0e88291887d679fcadea75810fb5cc1ca7494db39e82ff2f50665255d76173e09986ab46742c798a9a68437b048";
const char* kConfirmP = "926cc713504b9b4d76c9162ded04b5493e89109f6d89462cd33adc46fda27527";
const char* kConfirmV = "9747bcc4f8fe9f63defee53ac9b07876d907d55047e6ff2def2e7529089d3e68";
const char* kShared = "0c5f8ccd1413423a54f6c1fb26ff01534a87f893779c6e68666d772bfd91f3e7";

class Spake2PlusTest : public ::testing::Test {
 protected:
  host::OpensslCrypto crypto;
  host::OpensslP256 group;
};

TEST_F(Spake2PlusTest, RegistrationRecordMatchesTheRfc) {
  auto L = group.mul_generator(hex(kW1));
  ASSERT_TRUE(L.ok());
  EXPECT_EQ(to_hex(L.value()), kL);
}

TEST_F(Spake2PlusTest, ProverMatchesTheRfcVector) {
  SpakeProver prover(crypto, group, kRfcIdentity, hex(kW0), hex(kW1));
  auto share = prover.share(hex(kX));
  ASSERT_TRUE(share.ok());
  EXPECT_EQ(to_hex(share.value()), kShareP);
  auto confirm = prover.finish(hex(kShareV), hex(kConfirmV));
  ASSERT_TRUE(confirm.ok());
  EXPECT_EQ(to_hex(confirm.value()), kConfirmP);
  EXPECT_EQ(to_hex(prover.shared_key()), kShared);
}

TEST_F(Spake2PlusTest, VerifierMatchesTheRfcVector) {
  SpakeVerifier verifier(crypto, group, kRfcIdentity, hex(kW0), hex(kL));
  auto answer = verifier.respond(hex(kShareP), hex(kY));
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(to_hex(answer.value().share_v), kShareV);
  EXPECT_EQ(to_hex(answer.value().confirm_v), kConfirmV);
  EXPECT_TRUE(verifier.confirm(hex(kConfirmP)));
  EXPECT_EQ(to_hex(verifier.shared_key()), kShared);
  Bytes flipped = hex(kConfirmP);
  flipped[31] ^= 1;
  EXPECT_FALSE(verifier.confirm(flipped));
}

TEST_F(Spake2PlusTest, SameCodeAgreesOnAKeyAndAWrongCodeIsCaughtByTheProver) {
  Bytes salt(16, 7);
  const SpakeIdentity id{"test", "", ""};
  auto right = derive_password_scalars(crypto, group, "12345678", salt, 1000);
  auto wrong = derive_password_scalars(crypto, group, "12345679", salt, 1000);
  ASSERT_TRUE(right.ok() && wrong.ok());
  ASSERT_EQ(right.value().w0.size(), 32u);
  auto L = group.mul_generator(right.value().w1);
  ASSERT_TRUE(L.ok());

  SpakeVerifier verifier(crypto, group, id, right.value().w0, L.value());
  SpakeProver good(crypto, group, id, right.value().w0, right.value().w1);
  auto answer = verifier.respond(good.share().value());
  ASSERT_TRUE(answer.ok());
  auto confirm = good.finish(answer.value().share_v, answer.value().confirm_v);
  ASSERT_TRUE(confirm.ok());
  EXPECT_TRUE(verifier.confirm(confirm.value()));
  EXPECT_EQ(good.shared_key(), verifier.shared_key());

  SpakeVerifier verifier2(crypto, group, id, right.value().w0, L.value());
  SpakeProver bad(crypto, group, id, wrong.value().w0, wrong.value().w1);
  auto answer2 = verifier2.respond(bad.share().value());
  ASSERT_TRUE(answer2.ok());
  EXPECT_EQ(bad.finish(answer2.value().share_v, answer2.value().confirm_v).error(), Error::kInvalidArgument);
}

TEST_F(Spake2PlusTest, ASharePOffTheCurveIsRefused) {
  SpakeVerifier verifier(crypto, group, kRfcIdentity, hex(kW0), hex(kL));
  Bytes off = hex(kShareP);
  off[64] ^= 1;
  EXPECT_EQ(verifier.respond(off).error(), Error::kInvalidArgument);
  EXPECT_EQ(verifier.respond(Bytes(65, 0)).error(), Error::kInvalidArgument);
  EXPECT_EQ(verifier.respond(Bytes(3, 4)).error(), Error::kInvalidArgument);
  EXPECT_FALSE(verifier.confirm(Bytes(32, 0)));  // no answer given: nothing confirms
}

}  // namespace
}  // namespace rs
