#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "rscore/ports.hpp"

namespace rs::host {

// The sync task on a PC: one long-lived thread fed through a queue, as on the chip.
class ThreadWorker : public Worker {
 public:
  explicit ThreadWorker(std::size_t depth = 2) : depth_(depth), thread_([this] { loop(); }) {}
  ~ThreadWorker() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      cv_.notify_all();
    }
    thread_.join();
  }
  bool post(std::function<void()> job) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (jobs_.size() >= depth_) return false;
    jobs_.push_back(std::move(job));
    cv_.notify_all();
    return true;
  }

 private:
  void loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }
  std::size_t depth_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace rs::host
