#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <string>

namespace rs {

// The files the logging task has open for writing. The logger marks a session file open when it
// creates it and closed when it finishes it; the sync neither lists it as ready nor uploads it.
class ActiveFiles {
 public:
  void mark_open(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    open_.insert(name);
    ++generation_;
  }
  void mark_closed(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    open_.erase(name);
    ++generation_;
  }
  // The session folder changed other than by a sync's own uploads (a file created, finished, or
  // left on the card because it grew): a client's copy of the list is out of date.
  void note_change() {
    std::lock_guard<std::mutex> lock(mu_);
    ++generation_;
  }
  std::uint32_t generation() {
    std::lock_guard<std::mutex> lock(mu_);
    return generation_;
  }
  bool is_open(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    return open_.count(name) > 0;
  }

 private:
  std::mutex mu_;
  std::set<std::string> open_;
  std::uint32_t generation_ = 0;
};

}  // namespace rs
