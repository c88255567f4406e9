#include "nimble_gatt.hpp"

#include "esp_log.h"
#include "host/ble_hs.h"
#include "host/util/util.h"
#include "nimble/nimble_port.h"
#include "nimble/nimble_port_freertos.h"
#include "rscore/advertising.hpp"
#include "rscore/protocol.hpp"
#include "services/gap/ble_svc_gap.h"
#include "services/gatt/ble_svc_gatt.h"

namespace rs::esp32 {
namespace {
const char* kTag = "rs_gatt";
enum CharId : uintptr_t { kStatus = 1, kConfigure = 2, kFileList = 3, kPair = 4 };

SyncService* g_service = nullptr;
uint16_t g_conn = BLE_HS_CONN_HANDLE_NONE;
uint16_t g_status_handle = 0;
ble_uuid128_t g_service_uuid, g_status_uuid, g_configure_uuid, g_file_list_uuid, g_pair_uuid;

ble_uuid128_t uuid128(const char* text) {
  ble_uuid128_t u = {};
  u.u.type = BLE_UUID_TYPE_128;
  uuid128_le(text, u.value);
  return u;
}

int on_read(uintptr_t id, struct ble_gatt_access_ctxt* ctxt) {
  Characteristic c = id == kStatus ? Characteristic::kStatus : id == kPair ? Characteristic::kPair : Characteristic::kFileList;
  AttReply r = g_service->att_read(c);
  if (r.att_error) return r.att_error;
  return os_mbuf_append(ctxt->om, r.value.data(), r.value.size()) == 0 ? 0 : BLE_ATT_ERR_INSUFFICIENT_RES;
}

int on_write(uintptr_t id, struct ble_gatt_access_ctxt* ctxt) {
  static char buf[protocol::kMaxValueLen];  // the NimBLE host task is the only writer
  uint16_t len = 0;
  if (OS_MBUF_PKTLEN(ctxt->om) > sizeof buf) return BLE_ATT_ERR_INVALID_ATTR_VALUE_LEN;
  if (ble_hs_mbuf_to_flat(ctxt->om, buf, sizeof buf, &len) != 0) return BLE_ATT_ERR_UNLIKELY;
  std::string_view value(buf, len);
  // CONFIGURE and FILE_LIST take sealed values only; outside a session the core answers 0x05
  // (BLE_ATT_ERR_INSUFFICIENT_AUTHEN) and changes nothing.
  AttReply r = id == kConfigure  ? g_service->write_configure(value)
               : id == kFileList ? g_service->write_file_list(value)
                                 : g_service->write_pair(value);
  return r.att_error;
}

int access(uint16_t, uint16_t, struct ble_gatt_access_ctxt* ctxt, void* arg) {
  auto id = reinterpret_cast<uintptr_t>(arg);
  if (ctxt->op == BLE_GATT_ACCESS_OP_READ_CHR) return on_read(id, ctxt);
  if (ctxt->op == BLE_GATT_ACCESS_OP_WRITE_CHR) return on_write(id, ctxt);
  return BLE_ATT_ERR_UNLIKELY;
}

const struct ble_gatt_chr_def g_chars[] = {
    {.uuid = &g_status_uuid.u, .access_cb = access, .arg = reinterpret_cast<void*>(kStatus),
     .flags = BLE_GATT_CHR_F_READ | BLE_GATT_CHR_F_NOTIFY, .val_handle = &g_status_handle},
    {.uuid = &g_configure_uuid.u, .access_cb = access, .arg = reinterpret_cast<void*>(kConfigure),
     .flags = BLE_GATT_CHR_F_WRITE},
    {.uuid = &g_file_list_uuid.u, .access_cb = access, .arg = reinterpret_cast<void*>(kFileList),
     .flags = BLE_GATT_CHR_F_READ | BLE_GATT_CHR_F_WRITE},
    {.uuid = &g_pair_uuid.u, .access_cb = access, .arg = reinterpret_cast<void*>(kPair),
     .flags = BLE_GATT_CHR_F_READ | BLE_GATT_CHR_F_WRITE},
    {},
};

const struct ble_gatt_svc_def g_services[] = {
    {.type = BLE_GATT_SVC_TYPE_PRIMARY, .uuid = &g_service_uuid.u, .characteristics = g_chars},
    {},
};

int gap_event(struct ble_gap_event* event, void* arg);

void advertise() {
  auto adv = advertising_data(protocol::kServiceUuid);
  auto rsp = scan_response_data(protocol::kDeviceName);
  uint8_t own_addr_type = 0;
  ble_hs_id_infer_auto(0, &own_addr_type);
  ble_gap_adv_set_data(adv.data(), static_cast<int>(adv.size()));
  ble_gap_adv_rsp_set_data(rsp.data(), static_cast<int>(rsp.size()));
  struct ble_gap_adv_params params = {};
  params.conn_mode = BLE_GAP_CONN_MODE_UND;
  params.disc_mode = BLE_GAP_DISC_MODE_GEN;
  int rc = ble_gap_adv_start(own_addr_type, nullptr, BLE_HS_FOREVER, &params, gap_event, nullptr);
  if (rc != 0) ESP_LOGW(kTag, "advertising did not start: %d", rc);
}

int gap_event(struct ble_gap_event* event, void*) {
  switch (event->type) {
    case BLE_GAP_EVENT_CONNECT:
      if (event->connect.status != 0) {
        advertise();
        break;
      }
      g_conn = event->connect.conn_handle;
      g_service->on_connect(ble_att_mtu(g_conn));
      break;
    case BLE_GAP_EVENT_DISCONNECT:
      g_conn = BLE_HS_CONN_HANDLE_NONE;
      g_service->on_disconnect();  // a running sync goes on
      advertise();
      break;
    case BLE_GAP_EVENT_MTU:
      g_service->on_mtu(event->mtu.value);
      break;
    case BLE_GAP_EVENT_SUBSCRIBE:
      if (event->subscribe.attr_handle == g_status_handle) g_service->on_subscribe(event->subscribe.cur_notify);
      break;
    case BLE_GAP_EVENT_ADV_COMPLETE:
      advertise();
      break;
    default:
      break;
  }
  return 0;
}

void on_sync() {
  ble_hs_util_ensure_addr(0);
  advertise();
}

void host_task(void*) {
  nimble_port_run();
  nimble_port_freertos_deinit();
}
}  // namespace

void NimbleGatt::start(SyncService& service) {
  g_service = &service;
  g_service_uuid = uuid128(protocol::kServiceUuid);
  g_status_uuid = uuid128(protocol::kStatusUuid);
  g_configure_uuid = uuid128(protocol::kConfigureUuid);
  g_file_list_uuid = uuid128(protocol::kFileListUuid);
  g_pair_uuid = uuid128(protocol::kPairUuid);
  ble_hs_cfg.sync_cb = on_sync;
  ble_svc_gap_init();
  ble_svc_gatt_init();
  ble_svc_gap_device_name_set(protocol::kDeviceName);
  ble_gatts_count_cfg(g_services);
  ble_gatts_add_svcs(g_services);
  nimble_port_freertos_init(host_task);
}

void NimbleGatt::notify_status(const std::string& value) {
  uint16_t conn = g_conn;
  if (conn == BLE_HS_CONN_HANDLE_NONE) return;
  struct os_mbuf* om = ble_hs_mbuf_from_flat(value.data(), static_cast<uint16_t>(value.size()));
  if (om) ble_gatts_notify_custom(conn, g_status_handle, om);
}

}  // namespace rs::esp32
