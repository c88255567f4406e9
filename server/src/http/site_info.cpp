#include "http/site_info.hpp"

#include <cstdio>

#include "http/site_state.hpp"
#include "version.hpp"

namespace racesense::http {

nlohmann::json site_info(const AppContext& app) {
  nlohmann::json url = nullptr;
  bool demo = false;
  if (app.site) {
    if (auto u = app.site->public_url.get()) url = *u;
    demo = app.site->demo_link_port != 0;
  }
  return {{"version", kServerVersion},
          {"public_url", url},
          {"demo", demo},
          {"max_upload_bytes", app.uploads.max_bytes()}};
}

namespace {
bool is_page(const boost::beast::http::request_header<>& head) {
  std::string_view t = head.target();
  t = t.substr(0, t.find('?'));
  return head.method() == boost::beast::http::verb::get && (t == "/" || t == "/index.html");
}

bool behind_https_proxy(const boost::beast::http::request_header<>& head) {
  auto it = head.find("X-Forwarded-Proto");
  return it != head.end() && it->value() == "https";
}
}  // namespace

void warn_if_insecure_page_load(const boost::beast::http::request_header<>& head,
                                const boost::asio::ip::address& remote, AppContext& app) {
  if (!app.site || !is_page(head) || remote.is_loopback() || behind_https_proxy(head)) return;
  std::string who = remote.to_string();
  if (!app.site->insecure_origins.first_time(who)) return;
  auto url = app.site->public_url.get();
  std::fprintf(stderr,
               "Warning: %s opened the web app over plain http; Web Bluetooth needs https there, so it "
               "cannot sync. Open %s on the phone instead%s.\n",
               who.c_str(), url ? (*url + "/").c_str() : "the https tunnel address",
               url ? " (the link with ?token= printed at start)" : " (scripts/tunnel.sh, docs/tunnel.md)");
}

}  // namespace racesense::http
