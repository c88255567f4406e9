// A central on rs-core-sim's link (docs/protocol.md §5): one request line out, its answer back.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "phone_pairing.hpp"

namespace rs::host {

class LinkClient {
 public:
  explicit LinkClient(int port, int timeout_s = 10);
  ~LinkClient();
  LinkClient(const LinkClient&) = delete;
  LinkClient& operator=(const LinkClient&) = delete;
  bool connected() const { return fd_ >= 0; }
  nlohmann::json request(nlohmann::json req);  // its answer (a given "id" is kept), skipping notify
                                                // events; null when the link closed
  bool send_line(const std::string& line);      // one line as given, not waiting for an answer
  nlohmann::json next_line();                   // the next line of any kind; null when closed
  GattOps gatt();                               // reads and writes as GATT operations

 private:
  int fd_ = -1, next_id_ = 1;
  std::string buf_;
};

}  // namespace rs::host
