// The NimBLE host on the PC, as far as the port uses it (see Ble in esp_fake.hpp).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>

#include "esp_fake.hpp"
#include "host/ble_hs.h"
#include "host/util/util.h"
#include "nimble/nimble_port.h"
#include "nimble/nimble_port_freertos.h"
#include "rscore/advertising.hpp"
#include "services/gap/ble_svc_gap.h"
#include "services/gatt/ble_svc_gatt.h"

struct ble_hs_cfg ble_hs_cfg;

namespace {
constexpr std::uint8_t kReadRsp = 0x0b, kReadBlobRsp = 0x0d;  // ATT opcodes already in the response
constexpr std::size_t kAttrMaxLen = 512;                       // BLE_ATT_ATTR_MAX_LEN
struct Attr {
  const ble_gatt_chr_def* chr;
  std::uint16_t value_handle;
};
std::map<std::string, Attr> g_attrs;  // by 16 UUID bytes
ble_gap_event_fn* g_gap_cb = nullptr;
void* g_gap_arg = nullptr;
TaskFunction_t g_host_task = nullptr;
std::mutex g_notify_mu;
std::condition_variable g_notify_cv;

std::string key(const ble_uuid_t* u) {
  auto* u128 = reinterpret_cast<const ble_uuid128_t*>(u);
  return std::string(reinterpret_cast<const char*>(u128->value), 16);
}
const Attr* find(const char* uuid) {
  std::uint8_t bytes[16];
  if (!rs::uuid128_le(uuid, bytes)) return nullptr;
  auto it = g_attrs.find(std::string(reinterpret_cast<const char*>(bytes), 16));
  return it == g_attrs.end() ? nullptr : &it->second;
}
int gap(ble_gap_event& ev) { return g_gap_cb ? g_gap_cb(&ev, g_gap_arg) : 0; }
}  // namespace

int os_mbuf_append(struct os_mbuf* om, const void* data, uint16_t len) {
  om->bytes.append(static_cast<const char*>(data), len);
  return 0;
}
struct os_mbuf* ble_hs_mbuf_from_flat(const void* buf, uint16_t len) {
  auto* om = new os_mbuf;
  om->bytes.assign(static_cast<const char*>(buf), len);
  return om;
}
int ble_hs_mbuf_to_flat(const struct os_mbuf* om, void* flat, uint16_t max_len, uint16_t* out_copy_len) {
  std::size_t n = std::min<std::size_t>(om->bytes.size(), max_len);
  std::copy_n(om->bytes.data(), n, static_cast<char*>(flat));
  if (out_copy_len) *out_copy_len = static_cast<uint16_t>(n);
  return n < om->bytes.size() ? 8 /* BLE_HS_EMSGSIZE */ : 0;
}

esp_err_t nimble_port_init(void) { return ESP_OK; }
extern "C" void ble_store_config_init(void) { fake::ble().store_initialised = true; }
int ble_store_util_status_rr(struct ble_store_status_event*, void*) { return 0; }
void nimble_port_run(void) {}
void nimble_port_freertos_init(TaskFunction_t fn) { g_host_task = fn; }
void nimble_port_freertos_deinit(void) {}
void ble_svc_gap_init(void) {}
void ble_svc_gatt_init(void) {}
int ble_svc_gap_device_name_set(const char* name) {
  fake::ble().device_name = name;
  return 0;
}
int ble_hs_util_ensure_addr(int) { return 0; }
int ble_hs_id_infer_auto(int, uint8_t* out_addr_type) {
  *out_addr_type = BLE_ADDR_PUBLIC;
  return 0;
}
int ble_hs_id_copy_addr(uint8_t, uint8_t* out_id_addr, int* out_is_nrpa) {
  std::copy_n(fake::ble().addr, 6, out_id_addr);
  if (out_is_nrpa) *out_is_nrpa = 0;
  return 0;
}
int ble_gatts_count_cfg(const struct ble_gatt_svc_def*) { return 0; }
int ble_gatts_add_svcs(const struct ble_gatt_svc_def* svcs) {
  std::uint16_t handle = 1;
  for (const auto* s = svcs; s->type; ++s) {
    ++handle;  // service declaration
    for (const auto* c = s->characteristics; c->uuid; ++c) {
      std::uint16_t value = static_cast<std::uint16_t>(handle + 1);
      handle = static_cast<std::uint16_t>(handle + 2 + ((c->flags & BLE_GATT_CHR_F_NOTIFY) ? 1 : 0));
      if (c->val_handle) *c->val_handle = value;
      g_attrs[key(c->uuid)] = {c, value};
    }
  }
  return 0;
}
int ble_gap_adv_set_data(const uint8_t* data, int len) {
  fake::ble().adv.assign(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
  return len > 31 ? 4 /* BLE_HS_EINVAL */ : 0;
}
int ble_gap_adv_rsp_set_data(const uint8_t* data, int len) {
  fake::ble().scan_rsp.assign(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
  return len > 31 ? 4 : 0;
}
int ble_gap_adv_start(uint8_t, const ble_addr_t*, int32_t, const struct ble_gap_adv_params*, ble_gap_event_fn* cb, void* arg) {
  ++fake::ble().adv_starts;
  g_gap_cb = cb;
  g_gap_arg = arg;
  return 0;
}
uint16_t ble_att_mtu(uint16_t conn_handle) { return conn_handle == fake::ble().conn ? fake::ble().mtu : 0; }
int ble_gatts_notify_custom(uint16_t conn_handle, uint16_t, struct os_mbuf* om) {
  if (conn_handle == fake::ble().conn) {
    std::lock_guard<std::mutex> lock(g_notify_mu);
    fake::ble().notifications.push_back(om->bytes.substr(0, fake::ble().mtu - 3u));
    g_notify_cv.notify_all();
  }
  delete om;  // NimBLE always consumes the mbuf
  return conn_handle == fake::ble().conn ? 0 : 7 /* BLE_HS_ENOTCONN */;
}

namespace fake {
Ble& ble() {
  static Ble b;
  return b;
}
void Ble::sync() { ble_hs_cfg.sync_cb(); }
bool Ble::wait_notification(const std::function<bool(const std::string&)>& pred) {
  std::unique_lock<std::mutex> lock(g_notify_mu);
  std::size_t seen = 0;
  return g_notify_cv.wait_for(lock, std::chrono::seconds(10), [&] {
    for (; seen < notifications.size(); ++seen)
      if (pred(notifications[seen])) return true;
    return false;
  });
}
void Ble::run_host_task() {
  ++host_task_runs;
  g_host_task(nullptr);
}
void Ble::connect(std::uint16_t att_mtu, int status) {
  ble_gap_event ev = {};
  ev.type = BLE_GAP_EVENT_CONNECT;
  ev.connect.status = status;
  ev.connect.conn_handle = 1;
  if (status == 0) {
    conn = 1;
    mtu = att_mtu;
  }
  gap(ev);
}
void Ble::exchange_mtu(std::uint16_t att_mtu) {
  mtu = att_mtu;
  ble_gap_event ev = {};
  ev.type = BLE_GAP_EVENT_MTU;
  ev.mtu.conn_handle = conn;
  ev.mtu.value = att_mtu;
  gap(ev);
}
void Ble::subscribe(const char* uuid, bool notify) {
  ble_gap_event ev = {};
  ev.type = BLE_GAP_EVENT_SUBSCRIBE;
  ev.subscribe.conn_handle = conn;
  ev.subscribe.attr_handle = find(uuid) ? find(uuid)->value_handle : 0;
  ev.subscribe.cur_notify = notify ? 1 : 0;
  gap(ev);
}
void Ble::disconnect() {
  ble_gap_event ev = {};
  ev.type = BLE_GAP_EVENT_DISCONNECT;
  ev.disconnect.reason = 0x213;  // remote user terminated connection
  ev.disconnect.conn.conn_handle = conn;
  conn = 0xffff;
  mtu = 23;
  gap(ev);
}
void Ble::adv_complete() {
  ble_gap_event ev = {};
  ev.type = BLE_GAP_EVENT_ADV_COMPLETE;
  gap(ev);
}
int Ble::read(const char* uuid, std::uint16_t offset, std::string* part) {
  const Attr* a = find(uuid);
  if (!a || !(a->chr->flags & BLE_GATT_CHR_F_READ)) return 0x02;  // read not permitted
  os_mbuf response;
  response.bytes.assign(1, static_cast<char>(offset == 0 ? kReadRsp : kReadBlobRsp));
  os_mbuf fresh;
  ble_gatt_access_ctxt ctxt = {};
  ctxt.op = BLE_GATT_ACCESS_OP_READ_CHR;
  ctxt.om = offset == 0 ? &response : &fresh;
  ctxt.chr = a->chr;
  std::size_t initial = ctxt.om->bytes.size();
  int rc = a->chr->access_cb(conn, a->value_handle, &ctxt, a->chr->arg);
  if (rc != 0) return rc;
  if (ctxt.om->bytes.size() < initial + offset) return BLE_ATT_ERR_INVALID_OFFSET;
  std::string value = ctxt.om->bytes.substr(initial + offset);
  *part = value.substr(0, mtu - 1u);
  return 0;
}
int Ble::long_read(const char* uuid, std::string* value, int* requests) {
  value->clear();
  int count = 0;
  for (;;) {
    std::string part;
    ++count;
    int rc = read(uuid, static_cast<std::uint16_t>(value->size()), &part);
    if (rc != 0) return rc;
    *value += part;
    if (part.size() < mtu - 1u) break;
  }
  if (requests) *requests = count;
  return 0;
}
int Ble::write(const char* uuid, const std::string& value) {
  const Attr* a = find(uuid);
  if (!a || !(a->chr->flags & BLE_GATT_CHR_F_WRITE)) return 0x03;  // write not permitted
  if (value.size() > kAttrMaxLen) return BLE_ATT_ERR_INVALID_ATTR_VALUE_LEN;
  os_mbuf om;
  om.bytes = value;
  ble_gatt_access_ctxt ctxt = {};
  ctxt.op = BLE_GATT_ACCESS_OP_WRITE_CHR;
  ctxt.om = &om;
  ctxt.chr = a->chr;
  return a->chr->access_cb(conn, a->value_handle, &ctxt, a->chr->arg);
}
}  // namespace fake
