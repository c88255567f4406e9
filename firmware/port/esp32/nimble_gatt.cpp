#include "nimble_gatt.hpp"

#include <string>

#include "esp_log.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "host/ble_hs.h"
#include "host/util/util.h"
#include "nimble/nimble_port.h"
#include "nimble/nimble_port_freertos.h"
#include "rscore/advertising.hpp"
#include "racesense/protocol.hpp"
#include "services/gap/ble_svc_gap.h"
#include "services/gatt/ble_svc_gatt.h"

extern "C" void ble_store_config_init(void);  // NimBLE's NVS bond store (no public header)

namespace rs::esp32 {
namespace {
const char* kTag = "rs_gatt";

GattDispatch* g_dispatch = nullptr;
uint16_t g_conn = BLE_HS_CONN_HANDLE_NONE;
uint16_t g_status_handle = 0;
std::string g_name = protocol::kDeviceName;
ble_uuid128_t g_service_uuid, g_status_uuid, g_configure_uuid, g_file_list_uuid, g_pair_uuid;

ble_uuid128_t uuid128(const char* text) {
  ble_uuid128_t u = {};
  u.u.type = BLE_UUID_TYPE_128;
  uuid128_le(text, u.value);
  return u;
}

// NimBLE (ble_gatts.c, ble_gatts_val_access) gives the callback no offset: for a Read or a Read Blob
// at offset 0 it passes the response packet, which already holds the ATT opcode, for a Read Blob at
// offset > 0 a new empty buffer; it cuts the whole value we append at the offset itself.
int on_read(GattChar c, struct ble_gatt_access_ctxt* ctxt) {
  ReadPart part = OS_MBUF_PKTLEN(ctxt->om) == 0 ? ReadPart::kLater : ReadPart::kFirst;
  AttReply r = g_dispatch->read(c, part);
  if (r.att_error) return r.att_error;
  return os_mbuf_append(ctxt->om, r.value.data(), static_cast<uint16_t>(r.value.size())) == 0 ? 0 : BLE_ATT_ERR_INSUFFICIENT_RES;
}

int on_write(GattChar c, struct ble_gatt_access_ctxt* ctxt) {
  static char buf[protocol::kMaxValueLen];  // the NimBLE host task is the only writer
  uint16_t len = 0;
  if (OS_MBUF_PKTLEN(ctxt->om) > sizeof buf) return BLE_ATT_ERR_INVALID_ATTR_VALUE_LEN;
  if (ble_hs_mbuf_to_flat(ctxt->om, buf, sizeof buf, &len) != 0) return BLE_ATT_ERR_UNLIKELY;
  return g_dispatch->write(c, std::string_view(buf, len)).att_error;
}

int access(uint16_t, uint16_t, struct ble_gatt_access_ctxt* ctxt, void* arg) {
  auto c = static_cast<GattChar>(reinterpret_cast<uintptr_t>(arg));
  if (ctxt->op == BLE_GATT_ACCESS_OP_READ_CHR) return on_read(c, ctxt);
  if (ctxt->op == BLE_GATT_ACCESS_OP_WRITE_CHR) return on_write(c, ctxt);
  return BLE_ATT_ERR_UNLIKELY;
}

void* arg(GattChar c) { return reinterpret_cast<void*>(static_cast<uintptr_t>(c)); }

const struct ble_gatt_chr_def g_chars[] = {
    {.uuid = &g_status_uuid.u, .access_cb = access, .arg = arg(GattChar::kStatus),
     .flags = BLE_GATT_CHR_F_READ | BLE_GATT_CHR_F_NOTIFY, .val_handle = &g_status_handle},
    {.uuid = &g_configure_uuid.u, .access_cb = access, .arg = arg(GattChar::kConfigure), .flags = BLE_GATT_CHR_F_WRITE},
    {.uuid = &g_file_list_uuid.u, .access_cb = access, .arg = arg(GattChar::kFileList),
     .flags = BLE_GATT_CHR_F_READ | BLE_GATT_CHR_F_WRITE},
    {.uuid = &g_pair_uuid.u, .access_cb = access, .arg = arg(GattChar::kPair), .flags = BLE_GATT_CHR_F_READ | BLE_GATT_CHR_F_WRITE},
    {},
};

const struct ble_gatt_svc_def g_services[] = {
    {.type = BLE_GATT_SVC_TYPE_PRIMARY, .uuid = &g_service_uuid.u, .characteristics = g_chars},
    {},
};

int gap_event(struct ble_gap_event* event, void* arg);

void advertise(Advertise again = Advertise::kYes) {
  if (again == Advertise::kNo) return;
  auto adv = advertising_data(protocol::kServiceUuid);
  auto rsp = scan_response_data(g_name);
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
      if (event->connect.status == 0) g_conn = event->connect.conn_handle;
      advertise(g_dispatch->connected(event->connect.status, ble_att_mtu(event->connect.conn_handle)));
      ESP_LOGD(kTag, "host task stack high-water mark: %u bytes free", static_cast<unsigned>(uxTaskGetStackHighWaterMark(nullptr)));
      break;
    case BLE_GAP_EVENT_DISCONNECT:
      g_conn = BLE_HS_CONN_HANDLE_NONE;
      advertise(g_dispatch->disconnected());
      break;
    case BLE_GAP_EVENT_MTU:
      g_dispatch->mtu_changed(event->mtu.value);
      break;
    case BLE_GAP_EVENT_SUBSCRIBE:
      if (event->subscribe.attr_handle == g_status_handle) g_dispatch->subscribed(GattChar::kStatus, event->subscribe.cur_notify);
      break;
    case BLE_GAP_EVENT_ADV_COMPLETE:
      advertise(g_dispatch->advertising_ended());
      break;
    default:
      break;
  }
  return 0;
}

// The stack is up: name the logger after its address, so three loggers in a pit tell apart.
void on_sync() {
  ble_hs_util_ensure_addr(0);
  uint8_t own_addr_type = 0, addr[6] = {};
  if (ble_hs_id_infer_auto(0, &own_addr_type) == 0 && ble_hs_id_copy_addr(own_addr_type, addr, nullptr) == 0)
    g_name = advertised_name(protocol::kDeviceName, addr);
  ble_svc_gap_device_name_set(g_name.c_str());
  ESP_LOGI(kTag, "advertising as %s", g_name.c_str());
  advertise();
}

void host_task(void*) {
  nimble_port_run();
  nimble_port_freertos_deinit();
}
}  // namespace

void NimbleGatt::start(GattDispatch& dispatch) {
  g_dispatch = &dispatch;
  g_service_uuid = uuid128(protocol::kServiceUuid);
  g_status_uuid = uuid128(protocol::kStatusUuid);
  g_configure_uuid = uuid128(protocol::kConfigureUuid);
  g_file_list_uuid = uuid128(protocol::kFileListUuid);
  g_pair_uuid = uuid128(protocol::kPairUuid);
  ble_hs_cfg.sync_cb = on_sync;
  // Bonds (Just Works: the pairing code is checked by SPAKE2+ above BLE) kept in NVS.
  ble_hs_cfg.sm_io_cap = BLE_HS_IO_NO_INPUT_OUTPUT;
  ble_hs_cfg.sm_bonding = 1;
  ble_hs_cfg.sm_sc = 1;
  ble_hs_cfg.sm_our_key_dist = BLE_SM_PAIR_KEY_DIST_ENC | BLE_SM_PAIR_KEY_DIST_ID;
  ble_hs_cfg.sm_their_key_dist = BLE_SM_PAIR_KEY_DIST_ENC | BLE_SM_PAIR_KEY_DIST_ID;
  ble_hs_cfg.store_status_cb = ble_store_util_status_rr;
  ble_store_config_init();
  ble_svc_gap_init();
  ble_svc_gatt_init();
  ble_svc_gap_device_name_set(g_name.c_str());
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
