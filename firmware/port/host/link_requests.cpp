// One GATT operation per request line, answered by the same SyncService the RS-Core runs.
#include <nlohmann/json.hpp>

#include "link_server.hpp"
#include "rscore/advertising.hpp"
#include "racesense/protocol.hpp"

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

// A read returns the value from "offset" (default 0: the whole value); an offset > 0 continues the
// value the last read at 0 took, like ATT Read Blob.
json read_op(GattDispatch& d, const std::string& ch, const json& req) {
  auto c = gatt_char(ch);
  if (!c || c == GattChar::kConfigure) return error_answer("characteristic " + ch + " is not readable");
  std::size_t offset = req.contains("offset") && req["offset"].is_number_unsigned() ? req["offset"].get<std::size_t>() : 0;
  return att_answer(d.read_at(*c, offset), true);
}

json write_op(GattDispatch& d, const std::string& ch, const json& req) {
  std::string data;
  if (!req.contains("data") || !req["data"].is_string() || !base64_decode(req["data"].get<std::string>(), data))
    return error_answer("write needs data as base64");
  auto c = gatt_char(ch);
  if (!c || c == GattChar::kStatus) return error_answer("characteristic " + ch + " is not writable");
  return att_answer(d.write(*c, data), false);
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
    dispatch_->connected(0, req.contains("mtu") && req["mtu"].is_number_unsigned() ? req["mtu"].get<std::size_t>() : 185);
    answer = {{"ok", true}};
  } else if (op == "disconnect") {
    dispatch_->disconnected();
    answer = {{"ok", true}};
  } else if (op == "read") answer = read_op(*dispatch_, ch, req);
  else if (op == "write") answer = write_op(*dispatch_, ch, req);
  else if ((op == "subscribe" || op == "unsubscribe") && ch == "5002") {
    dispatch_->subscribed(GattChar::kStatus, op == "subscribe");
    answer = {{"ok", true}};
  } else if (op == "button") {
    service_->press_button();
    answer = {{"ok", true}};
  } else if (op == "advertisement") {
    answer = {{"ok", true}, {"name", name_},
              {"adv", base64_encode(bytes_of(advertising_data(protocol::kServiceUuid)))},
              {"scan_rsp", base64_encode(bytes_of(scan_response_data(name_)))}};
  } else answer = error_answer("unknown op \"" + op + "\" or characteristic");
  if (req.contains("id")) answer["id"] = req["id"];
  return answer.dump();
}

}  // namespace rs::host
