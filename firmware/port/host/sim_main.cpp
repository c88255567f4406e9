// rs-core-sim: a virtual RS-Core. The same sync core as the logger, with a folder for the SD card,
// scripted hotspots, a real HTTP(S) client, and a local link in place of the radio.
#include <CLI/CLI.hpp>

#include <array>
#include <csignal>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <iostream>
#include <thread>

#include "fixed_battery.hpp"
#include "curl_uploader.hpp"
#include "link_server.hpp"
#include "memory_pairing_store.hpp"
#include "openssl_crypto.hpp"
#include "openssl_sha256.hpp"
#include "posix_file_store.hpp"
#include "rscore/advertising.hpp"
#include "racesense/protocol.hpp"
#include "scripted_wifi.hpp"
#include "sim_faults.hpp"
#include "thread_worker.hpp"

namespace {
std::map<std::string, std::string> parse_hotspots(const std::vector<std::string>& specs) {
  std::map<std::string, std::string> out;
  for (const auto& s : specs) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw CLI::ValidationError("--hotspot", "expected SSID=PASSWORD (SSID= for open)");
    out[s.substr(0, eq)] = s.substr(eq + 1);
  }
  return out;
}

std::vector<rs::host::FaultSpec> parse_faults(const std::vector<std::string>& specs) {
  std::vector<rs::host::FaultSpec> out;
  for (const auto& s : specs) {
    std::string error;
    auto f = rs::host::parse_fault(s, error);
    if (!f) throw CLI::ValidationError("--fault", error);
    out.push_back(*f);
  }
  return out;
}

// Stops the link on SIGINT/SIGTERM (handled on a thread: nothing unsafe in a signal handler).
std::thread signal_watcher(rs::host::LinkServer& link) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return std::thread([set, &link] {
    int sig = 0;
    sigwait(&set, &sig);
    link.stop();
  });
}
// "A4:11:22:33:1A:2B" → the 6 bytes little-endian, as a BLE stack holds them.
std::optional<std::array<std::uint8_t, 6>> parse_bt_address(const std::string& text) {
  std::array<std::uint8_t, 6> le{};
  unsigned b[6];
  char tail = 0;
  if (text.size() != 17 || std::sscanf(text.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &tail) != 6)
    return std::nullopt;
  for (int i = 0; i < 6; ++i) le[5 - i] = static_cast<std::uint8_t>(b[i]);
  return le;
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rs-core-sim: a virtual RS-Core running the real sync core on this PC.\n"
               "Drive it over the link (docs/protocol.md section 5): newline-delimited JSON on 127.0.0.1."};
  std::string card = "card";
  std::vector<std::string> hotspot_specs, active, fault_specs;
  int link_port = 0, join_delay_ms = 200;
  double battery_v = 3.92;
  rs::OffloaderSettings settings;
  std::string ca_file, pairing_code, bt_address = "02:00:5E:10:1A:2B";
  std::vector<std::string> resolve;
  app.add_option("--card", card, "Folder standing for the SD card (holds sessions/ and archive/)")->capture_default_str();
  app.add_option("--hotspot", hotspot_specs, "A hotspot in range, SSID=PASSWORD (SSID= when open); repeatable");
  app.add_option("--link-port", link_port, "TCP port of the link on 127.0.0.1 (0 = pick one; printed as LINK_PORT=)")
      ->capture_default_str();
  app.add_option("--battery-v", battery_v, "Battery voltage to report")->capture_default_str();
  app.add_option("--wifi-delay-ms", join_delay_ms, "Simulated time to join a hotspot")->capture_default_str();
  app.add_option("--retries", settings.max_attempts, "Upload attempts per file")->capture_default_str();
  app.add_option("--backoff-ms", settings.backoff_ms, "First retry delay, doubled each time")->capture_default_str();
  app.add_option("--active-file", active, "A session file the logger is still writing (not uploaded); repeatable");
  app.add_option("--ca-file", ca_file, "CA bundle for HTTPS servers (default: the system's)");
  app.add_option("--bt-address", bt_address, "The Bluetooth address; its last two bytes name the logger (RS-Core-1A2B)")
      ->capture_default_str()
      ->check([](const std::string& a) { return parse_bt_address(a) ? std::string() : std::string("expected AA:BB:CC:DD:EE:FF"); });
  app.add_option("--pairing-code", pairing_code,
                 "The logger's pairing code, 8 digits (default: a random one, printed once as PAIRING_CODE=)")
      ->check([](const std::string& c) {
        return rs::normalize_pairing_code(c).empty() ? std::string("expected 8 digits, e.g. 1234 5678") : std::string();
      });
  app.add_option("--fault", fault_specs,
                 "A device fault at a chosen moment of a sync, repeatable: wifi-drop@FILE:BYTE[+MS] (the hotspot "
                 "goes away, back after MS), server-lost@FILE:BYTE, card-full@FILE:BYTE; FILE is the 1-based "
                 "upload order, BYTE the bytes of it sent");
  app.add_option("--resolve", resolve,
                 "HOST:PORT:ADDRESS, a name the hotspot's DNS answers (as curl --resolve; e.g. a tunnel host); repeatable");
  app.footer(
      "Link (one client at a time; a new client replaces the old), one JSON object per line:\n"
      "  {\"id\":1,\"op\":\"connect\",\"mtu\":23}          a central connects (mtu default 185)\n"
      "  {\"id\":2,\"op\":\"disconnect\"}                 link dropped; a running sync continues\n"
      "  {\"id\":3,\"op\":\"read\",\"char\":\"5002\"}        -> {\"id\":3,\"ok\":true,\"data\":\"<base64>\"}\n"
      "  {\"id\":4,\"op\":\"write\",\"char\":\"5003\",\"data\":\"<base64>\"}  -> ok or {\"ok\":false,\"att_error\":19}\n"
      "  {\"id\":5,\"op\":\"subscribe\",\"char\":\"5002\"}   (or unsubscribe)\n"
      "  {\"id\":6,\"op\":\"advertisement\"}              -> name (RS-Core-XXXX), adv and scan_rsp bytes (base64)\n"
      "  {\"id\":7,\"op\":\"button\"}                     the logger's button: reopens pairing\n"
      "Characteristics: 5002 STATUS (read/notify), 5003 CONFIGURE (sealed write), 5005 FILE_LIST (sealed\n"
      "read/write), 5006 PAIR (read/write: SPAKE2+ with the pairing code, docs/protocol.md section 1.4).\n"
      "Events: {\"event\":\"notify\",\"char\":\"5002\",\"data\":\"<base64>\"}, at most MTU-3 bytes each.\n"
      "Bad lines get {\"ok\":false,\"error\":\"...\"}. SIGINT/SIGTERM stop the simulator.\n"
      "Example: rs-core-sim --card /tmp/card --hotspot Racesense-Pit=hunter22 --link-port 7000");
  CLI11_PARSE(app, argc, argv);

  try {
    std::filesystem::create_directories(std::filesystem::path(card) / "sessions");
    std::filesystem::create_directories(std::filesystem::path(card) / "archive");
    rs::posix::PosixFileStore folder(std::filesystem::absolute(card).string());
    rs::host::FillableCard files(folder);
    rs::host::ScriptedRadio radio(parse_hotspots(hotspot_specs), join_delay_ms);
    rs::WifiSession wifi(radio);
    radio.attach(&wifi);
    rs::host::ThreadWorker worker;
    rs::host::CurlUploader curl(ca_file, 30, resolve);
    rs::host::FaultyUploader http(curl, radio, files, parse_faults(fault_specs));
    rs::host::OpensslSha256 sha;
    rs::host::FixedBattery battery(battery_v);
    rs::ActiveFiles active_files;
    for (const auto& name : active) active_files.mark_open(name);
    rs::host::OpensslCrypto crypto;
    rs::host::OpensslP256 group;
    rs::SteadyClock clock;
    rs::host::MemoryPairingStore store(rs::normalize_pairing_code(pairing_code));
    auto secret = rs::ensure_pairing_secret(store, crypto);
    rs::PairingGate pairing(crypto, group, clock);
    if (!secret.ok() || !pairing.set_secret(secret.value().secret).ok()) throw std::runtime_error("no pairing secret");
    // Like the logger's serial console at first boot: a code made here is shown once.
    if (secret.value().new_code) std::cout << "PAIRING_CODE=" << secret.value().secret.code << std::endl;
    rs::host::LinkServer link(link_port);
    std::thread signals = signal_watcher(link);
    rs::SyncService service({{files, wifi, http, sha}, link, battery, active_files, pairing, worker}, settings);
    link.attach(&service);
    link.set_name(rs::advertised_name(rs::protocol::kDeviceName, parse_bt_address(bt_address)->data()));
    std::cout << "LINK_PORT=" << link.port() << std::endl;
    link.serve();
    service.wait_until_finished();
    signals.join();
  } catch (const std::exception& e) {
    std::cerr << "rs-core-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
