#pragma once

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
  }
  void mark_closed(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    open_.erase(name);
  }
  bool is_open(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    return open_.count(name) > 0;
  }

 private:
  std::mutex mu_;
  std::set<std::string> open_;
};

}  // namespace rs
