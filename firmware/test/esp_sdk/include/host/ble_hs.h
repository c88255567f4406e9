// Host fake of the NimBLE host API (esp-nimble as in ESP-IDF v5.5.5): the names, layouts of the
// fields the port touches, and values of the constants. Behaviour: test/esp_sdk/nimble_fake.cpp.
#pragma once
#include <climits>
#include <cstdint>
#include <string>

struct os_mbuf {
  std::string bytes;  // the packet (the fake keeps it flat)
};
#define OS_MBUF_PKTLEN(om) (static_cast<uint16_t>((om)->bytes.size()))
int os_mbuf_append(struct os_mbuf* om, const void* data, uint16_t len);
struct os_mbuf* ble_hs_mbuf_from_flat(const void* buf, uint16_t len);
int ble_hs_mbuf_to_flat(const struct os_mbuf* om, void* flat, uint16_t max_len, uint16_t* out_copy_len);

#define BLE_UUID_TYPE_128 128
typedef struct { uint8_t type; } ble_uuid_t;
typedef struct { ble_uuid_t u; uint8_t value[16]; } ble_uuid128_t;
typedef struct { uint8_t type; uint8_t val[6]; } ble_addr_t;
#define BLE_ADDR_PUBLIC 0x00
#define BLE_ADDR_RANDOM 0x01

#define BLE_ATT_ERR_INVALID_OFFSET 0x07
#define BLE_ATT_ERR_INVALID_ATTR_VALUE_LEN 0x0d
#define BLE_ATT_ERR_UNLIKELY 0x0e
#define BLE_ATT_ERR_INSUFFICIENT_RES 0x11
#define BLE_ATT_MTU_DFLT 23
#define BLE_HS_FOREVER INT32_MAX
#define BLE_HS_CONN_HANDLE_NONE 0xffff

#define BLE_GATT_ACCESS_OP_READ_CHR 0
#define BLE_GATT_ACCESS_OP_WRITE_CHR 1
#define BLE_GATT_CHR_F_READ 0x0002
#define BLE_GATT_CHR_F_WRITE 0x0008
#define BLE_GATT_CHR_F_NOTIFY 0x0010
#define BLE_GATT_SVC_TYPE_PRIMARY 1

struct ble_gatt_chr_def;
struct ble_gatt_access_ctxt {
  uint8_t op;
  struct os_mbuf* om;
  union {
    const struct ble_gatt_chr_def* chr;
    const void* dsc;
  };
};
typedef int ble_gatt_access_fn(uint16_t conn_handle, uint16_t attr_handle, struct ble_gatt_access_ctxt* ctxt, void* arg);
typedef uint16_t ble_gatt_chr_flags;
struct ble_gatt_chr_def {
  const ble_uuid_t* uuid;
  ble_gatt_access_fn* access_cb;
  void* arg;
  void* descriptors;
  ble_gatt_chr_flags flags;
  uint8_t min_key_size;
  uint16_t* val_handle;
  void* cpfd;
};
struct ble_gatt_svc_def {
  uint8_t type;
  const ble_uuid_t* uuid;
  const struct ble_gatt_svc_def** includes;
  const struct ble_gatt_chr_def* characteristics;
};

#define BLE_GAP_EVENT_CONNECT 0
#define BLE_GAP_EVENT_DISCONNECT 1
#define BLE_GAP_EVENT_ADV_COMPLETE 9
#define BLE_GAP_EVENT_SUBSCRIBE 14
#define BLE_GAP_EVENT_MTU 15
#define BLE_GAP_CONN_MODE_UND 2
#define BLE_GAP_DISC_MODE_GEN 2
struct ble_gap_conn_desc {
  uint16_t conn_handle;
};
struct ble_gap_event {
  uint8_t type;
  union {
    struct { int status; uint16_t conn_handle; } connect;
    struct { int reason; struct ble_gap_conn_desc conn; } disconnect;
    struct { int reason; } adv_complete;
    struct {
      uint16_t conn_handle;
      uint16_t attr_handle;
      uint8_t reason;
      uint8_t prev_notify : 1;
      uint8_t cur_notify : 1;
      uint8_t prev_indicate : 1;
      uint8_t cur_indicate : 1;
    } subscribe;
    struct { uint16_t conn_handle; uint16_t channel_id; uint16_t value; } mtu;
  };
};
typedef int ble_gap_event_fn(struct ble_gap_event* event, void* arg);
struct ble_gap_adv_params {
  uint8_t conn_mode;
  uint8_t disc_mode;
  uint16_t itvl_min, itvl_max;
  uint8_t channel_map, filter_policy, high_duty_cycle;
};
int ble_gap_adv_set_data(const uint8_t* data, int data_len);
int ble_gap_adv_rsp_set_data(const uint8_t* data, int data_len);
int ble_gap_adv_start(uint8_t own_addr_type, const ble_addr_t* direct_addr, int32_t duration_ms,
                      const struct ble_gap_adv_params* adv_params, ble_gap_event_fn* cb, void* cb_arg);
uint16_t ble_att_mtu(uint16_t conn_handle);
int ble_hs_id_infer_auto(int privacy, uint8_t* out_addr_type);
int ble_hs_id_copy_addr(uint8_t id_addr_type, uint8_t* out_id_addr, int* out_is_nrpa);
int ble_gatts_count_cfg(const struct ble_gatt_svc_def* defs);
int ble_gatts_add_svcs(const struct ble_gatt_svc_def* svcs);
int ble_gatts_notify_custom(uint16_t conn_handle, uint16_t att_handle, struct os_mbuf* om);

#define BLE_HS_IO_NO_INPUT_OUTPUT 0x03
#define BLE_SM_PAIR_KEY_DIST_ENC 0x01
#define BLE_SM_PAIR_KEY_DIST_ID 0x02
struct ble_store_status_event;
typedef void ble_hs_sync_fn(void);
typedef void ble_hs_reset_fn(int reason);
typedef int ble_store_status_fn(struct ble_store_status_event* event, void* arg);
int ble_store_util_status_rr(struct ble_store_status_event* event, void* arg);
struct ble_hs_cfg {
  ble_hs_reset_fn* reset_cb;
  ble_hs_sync_fn* sync_cb;
  ble_store_status_fn* store_status_cb;
  uint8_t sm_io_cap;
  unsigned sm_bonding : 1;
  unsigned sm_mitm : 1;
  unsigned sm_sc : 1;
  uint8_t sm_our_key_dist, sm_their_key_dist;
};
extern struct ble_hs_cfg ble_hs_cfg;
