// rs-central: the phone's part on rs-core-sim's link, for scripts and tests. Pairs with the logger's
// code (SPAKE2+), then sends sealed CONFIGURE / cancel writes or reads the sealed file list.
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <thread>

#include "link_client.hpp"
#include "link_server.hpp"
#include "openssl_crypto.hpp"
#include "racesense/protocol.hpp"

namespace {
using nlohmann::json;

std::string read_status(rs::host::LinkClient& link) {
  std::string out;
  json a = link.request({{"op", "read"}, {"char", "5002"}});
  if (!a.is_null()) rs::host::base64_decode(a.value("data", ""), out);
  return out;
}

// Polls STATUS as the web app does until the run ends; prints the final status.
int wait_for_outcome(rs::host::LinkClient& link, int timeout_s) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (std::chrono::steady_clock::now() < deadline) {
    json s = json::parse(read_status(link), nullptr, false);
    std::string state = s.is_object() ? s.value("state", "") : "";
    if (state == "DONE" || state == "ERROR") {
      std::cout << "STATUS=" << s.dump() << std::endl;
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::cerr << "rs-central: the run did not end in " << timeout_s << " s\n";
  return 1;
}

int exit_code_of(rs::host::PairOutcome o) {
  switch (o) {
    case rs::host::PairOutcome::kPaired: return 0;
    case rs::host::PairOutcome::kWrongCode: return 2;
    case rs::host::PairOutcome::kWait: return 3;
    case rs::host::PairOutcome::kLocked: return 4;
    default: return 1;
  }
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rs-central: pairs with rs-core-sim over its link and sends sealed commands (the web app's part)."};
  int port = 0, mtu = 185, timeout_s = 60;
  std::string code, configure;
  bool cancel = false, list = false, wait = false, show_sealed = false;
  app.add_option("--link-port", port, "rs-core-sim's LINK_PORT")->required();
  app.add_option("--code", code, "The logger's pairing code")->required();
  app.add_option("--mtu", mtu, "MTU of the connection")->capture_default_str();
  app.add_option("--configure", configure, "CONFIGURE JSON to send sealed");
  app.add_flag("--cancel", cancel, "Send a sealed {\"cmd\":\"cancel\"}");
  app.add_flag("--list", list, "Print the file list (FILE_LIST, all pages) as FILES=<json array>");
  app.add_flag("--wait", wait, "Poll STATUS until DONE or ERROR and print it as STATUS=<json>");
  app.add_option("--timeout-s", timeout_s, "How long --wait waits")->capture_default_str();
  app.add_flag("--show-sealed", show_sealed, "Print the sealed CONFIGURE bytes as SEALED=<base64> (replay tests)");
  app.footer("Exit codes: 0 done, 2 wrong pairing code, 3 pairing must wait (rate limit), 4 pairing locked, 1 other.");
  CLI11_PARSE(app, argc, argv);

  rs::host::LinkClient link(port);
  if (!link.connected() || link.request({{"op", "connect"}, {"mtu", mtu}}).is_null()) {
    std::cerr << "rs-central: no link on port " << port << "\n";
    return 1;
  }
  rs::host::OpensslCrypto crypto;
  rs::host::OpensslP256 group;
  rs::host::PhonePairing phone(crypto, group, link.gatt());
  rs::host::PairOutcome outcome = phone.pair(code);
  std::cout << "PAIR=" << rs::host::pair_outcome_name(outcome) << std::endl;
  if (outcome != rs::host::PairOutcome::kPaired) return exit_code_of(outcome);
  if (list) {
    json files = json::array();
    for (std::size_t total = 1; files.size() < total;) {
      phone.write_sealed("5005", json{{"offset", files.size()}}.dump());
      json page = json::parse(phone.read_sealed("5005").value_or(""), nullptr, false);
      if (!page.is_object() || page["files"].empty()) break;
      total = page.value("total", 0);
      for (auto& f : page["files"]) files.push_back(f);
    }
    std::cout << "FILES=" << files.dump() << std::endl;
  }
  for (const std::string& command : {configure, std::string(cancel ? R"({"cmd":"cancel"})" : "")}) {
    if (command.empty()) continue;
    rs::AttReply r = phone.configure(command);
    if (show_sealed) std::cout << "SEALED=" << rs::host::base64_encode(phone.last_sealed()) << std::endl;
    std::cout << "CONFIGURE_ATT=" << r.att_error << std::endl;
    if (r.att_error != 0) return 1;
  }
  return wait ? wait_for_outcome(link, timeout_s) : 0;
}
