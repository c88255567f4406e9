// One GATT operation per request line, answered by the same SyncService the RS-Core runs.
#include <nlohmann/json.hpp>

#include "link_server.hpp"
#include "rscore/advertising.hpp"
#include "rscore/protocol.hpp"

namespace rs::host {
namespace {
using nlohmann::json;

json att_answer(const AttReply& r, bool with_data) {
  if (r.att_error != 0) return {{"ok", false}, {"att_error", r.att_error}};
  json j = {{"ok", true}};
  if (with_data) j["data"] = base64_encode(r.value);
  return j;
}

json error_answer(const std::string& message) { return {{"ok", false}, {"error", message}}; }

json read_op(SyncService& s, const std::string& ch) {
  if (ch == "5002") return att_answer(s.read_status(), true);
  if (ch == "5005") return att_answer(s.read_file_list(), true);
  if (ch == "5006") return att_answer(s.read_pair(), true);
  return error_answer("characteristic " + ch + " is not readable");
}

json write_op(SyncService& s, const std::string& ch, const json& req) {
  std::string data;
  if (!req.contains("data") || !req["data"].is_string() || !base64_decode(req["data"].get<std::string>(), data))
    return error_answer("write needs data as base64");
  if (data.size() > protocol::kMaxValueLen) return {{"ok", false}, {"att_error", protocol::kAttInvalidLength}};
  if (ch == "5003") return att_answer(s.write_configure(data), false);
  if (ch == "5005") return att_answer(s.write_file_list(data), false);
  if (ch == "5006") return att_answer(s.write_pair(data), false);
  return error_answer("characteristic " + ch + " is not writable");
}

std::string bytes_of(const std::vector<std::uint8_t>& v) { return std::string(v.begin(), v.end()); }
}  // namespace

std::string LinkServer::handle_line(const std::string& line) {
  json req = json::parse(line, nullptr, false);
  if (req.is_discarded() || !req.is_object() || !req.contains("op") || !req["op"].is_string())
    return error_answer("each line must be a JSON object with an \"op\"").dump();
  json answer;
  std::string op = req["op"].get<std::string>();
  std::string ch = req.contains("char") && req["char"].is_string() ? req["char"].get<std::string>() : "";
  if (!service_) answer = error_answer("device not ready");
  else if (op == "connect") {
    service_->on_connect(req.contains("mtu") && req["mtu"].is_number_unsigned() ? req["mtu"].get<std::size_t>() : 185);
    answer = {{"ok", true}};
  } else if (op == "disconnect") {
    service_->on_disconnect();
    answer = {{"ok", true}};
  } else if (op == "read") answer = read_op(*service_, ch);
  else if (op == "write") answer = write_op(*service_, ch, req);
  else if ((op == "subscribe" || op == "unsubscribe") && ch == "5002") {
    service_->on_subscribe(op == "subscribe");
    answer = {{"ok", true}};
  } else if (op == "button") {
    service_->press_button();
    answer = {{"ok", true}};
  } else if (op == "advertisement") {
    answer = {{"ok", true}, {"name", protocol::kDeviceName},
              {"adv", base64_encode(bytes_of(advertising_data(protocol::kServiceUuid)))},
              {"scan_rsp", base64_encode(bytes_of(scan_response_data(protocol::kDeviceName)))}};
  } else answer = error_answer("unknown op \"" + op + "\" or characteristic");
  if (req.contains("id")) answer["id"] = req["id"];
  return answer.dump();
}

}  // namespace rs::host
