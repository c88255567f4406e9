#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "service/upload_service.hpp"

namespace racesense::http {

// Moves an upload's body through two fixed buffers: the connection fills one while the worker pool
// writes, hashes and analyses the other, each on its own strand, so receiving, disk, hashing and
// analysis overlap and memory stays bounded whatever the file size. Buffers are 1 MB: each costs a
// few hand-overs between threads (with 128 KB ones a fifth of the CPU went into switching threads;
// 1 MB ones took 7 % less server CPU than half-MB ones), and two keep peak RSS at 13 MB (a third
// saved 3 % of CPU, within the noise, for 2 MB more). Full buffers are written with direct I/O
// (TempBlob): with eight uploads at once, copying them into the page cache took half the machine's
// CPU. Buffers are filled and handed over on the connection's strand; workers hold the pipeline
// alive until they finish.
class UploadPipeline : public std::enable_shared_from_this<UploadPipeline> {
 public:
  static constexpr std::size_t kBuffers = 2, kBufferSize = 1024 * 1024;

  UploadPipeline(std::unique_ptr<service::Upload> upload, boost::asio::any_io_executor connection,
                 boost::asio::thread_pool& pool);

  // Free space in the buffer being filled; waits for a buffer when all are with the workers.
  // Rethrows a worker's failure (a full disk: ApiError 507).
  boost::asio::awaitable<std::span<char>> space();
  // Marks n bytes of space() as filled; hands the buffer to the workers when it is full.
  void fill(std::size_t n);
  boost::asio::awaitable<void> write(const char* data, std::size_t n);
  // Hands over the partly filled buffer and waits until the workers are done with every buffer.
  boost::asio::awaitable<void> finish();
  // Waits until the workers are done with every buffer, whatever happened.
  boost::asio::awaitable<void> settle();
  service::Upload& upload() { return *upload_; }

 private:
  // Anonymous pages of their own: page-aligned, so full buffers go to the disk directly, and given
  // back to the system when the upload ends (aligned heap blocks stayed with the allocator: eight
  // uploads at once left 13 MB more resident).
  struct Unmap {
    void operator()(char* p) const;
  };
  struct Buffer {
    std::unique_ptr<char[], Unmap> data;
    std::size_t used = 0;
    std::atomic<int> pending{0};
  };
  static std::unique_ptr<char[], Unmap> map_buffer();
  using Strand = boost::asio::strand<boost::asio::thread_pool::executor_type>;
  void dispatch();
  template <class Work> void post_work(Strand& strand, Buffer* b, Work work);
  void work_done(Buffer* b);
  void fail(std::exception_ptr e);
  void rethrow_failure();

  std::unique_ptr<service::Upload> upload_;
  boost::asio::any_io_executor connection_;
  Strand write_, hash_, analyse_;
  boost::asio::steady_timer wake_;  // cancelled when a buffer comes back
  std::vector<std::unique_ptr<Buffer>> buffers_;
  std::vector<Buffer*> free_;
  Buffer* current_ = nullptr;
  std::size_t in_flight_ = 0;
  std::atomic<bool> failed_{false};
  std::mutex failure_mutex_;
  std::exception_ptr failure_;
};

}  // namespace racesense::http
