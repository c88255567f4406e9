// Maps the radio stack's failure codes to the core's errors. The numbers are ESP-IDF v5's
// (esp_wifi_types_generic.h, esp_tls_errors.h), kept here so the mapping is tested on the host.
#pragma once

#include "rscore/result.hpp"

namespace rs {

// wifi_event_sta_disconnected_t::reason while joining.
Error wifi_join_failure(int reason);

// esp_http_client_get_and_clear_last_tls_error() after a failed connection.
Error http_connect_failure(int esp_tls_code, int tls_verify_flags);

}  // namespace rs
