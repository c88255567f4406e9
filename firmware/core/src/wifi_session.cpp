#include "rscore/wifi_session.hpp"

#include <chrono>

#include "rscore/failure_reasons.hpp"

namespace rs {

void WifiSession::set(State s) {
  state_ = s;
  cv_.notify_all();
}

Status WifiSession::connect(const std::string& ssid, const std::string& password) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!started_) {
    if (!radio_.start()) return Error::kWifiFailed;
    started_ = true;
  }
  set(State::kJoining);
  lock.unlock();
  bool asked = radio_.join(ssid, password);  // events may arrive before it returns
  lock.lock();
  if (!asked) {
    set(State::kDown);
    return Error::kWifiFailed;
  }
  bool settled = cv_.wait_for(lock, std::chrono::milliseconds(join_timeout_ms_), [this] { return state_ != State::kJoining; });
  if (settled && state_ == State::kUp) return {};
  Error e = settled && state_ == State::kFailed ? wifi_join_failure(reason_) : Error::kWifiNotFound;
  set(State::kDown);
  lock.unlock();
  radio_.leave();  // stop a join still in progress
  return e;
}

bool WifiSession::up() {
  std::lock_guard<std::mutex> lock(mu_);
  return state_ == State::kUp;
}

void WifiSession::disconnect() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    set(State::kOff);
    if (!started_) return;
    started_ = false;
  }
  radio_.leave();
  radio_.stop();
}

void WifiSession::on_got_ip() {
  std::lock_guard<std::mutex> lock(mu_);
  if (state_ == State::kJoining) set(State::kUp);
}

void WifiSession::on_lost_ip() {
  std::lock_guard<std::mutex> lock(mu_);
  if (state_ == State::kUp) set(State::kDown);
}

void WifiSession::on_disconnected(int reason) {
  std::lock_guard<std::mutex> lock(mu_);
  if (state_ == State::kJoining) {
    reason_ = reason;
    set(State::kFailed);
  } else if (state_ == State::kUp) {
    set(State::kDown);
  }
}

}  // namespace rs
