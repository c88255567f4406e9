#include "http/upload_pipeline.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/mman.h>

#include <cstring>
#include <new>

namespace racesense::http {
namespace asio = boost::asio;

std::unique_ptr<char[], UploadPipeline::Unmap> UploadPipeline::map_buffer() {
  static_assert(UploadPipeline::kBufferSize % service::Upload::kWriteAlign == 0);
  void* p = ::mmap(nullptr, UploadPipeline::kBufferSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  return std::unique_ptr<char[], Unmap>(static_cast<char*>(p));
}

void UploadPipeline::Unmap::operator()(char* p) const { ::munmap(p, kBufferSize); }

UploadPipeline::UploadPipeline(std::unique_ptr<service::Upload> upload, asio::any_io_executor connection,
                               asio::thread_pool& pool)
    : upload_(std::move(upload)), connection_(std::move(connection)), write_(pool.get_executor()),
      hash_(pool.get_executor()), analyse_(pool.get_executor()), wake_(connection_) {}

asio::awaitable<std::span<char>> UploadPipeline::space() {
  while (!current_) {
    rethrow_failure();
    if (!free_.empty()) {
      current_ = free_.back();
      free_.pop_back();
    } else if (buffers_.size() < kBuffers) {
      buffers_.push_back(std::make_unique<Buffer>());
      buffers_.back()->data = map_buffer();
      current_ = buffers_.back().get();
    } else {
      wake_.expires_at(asio::steady_timer::time_point::max());
      boost::system::error_code ec;
      co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }
  co_return std::span<char>(current_->data.get() + current_->used, kBufferSize - current_->used);
}

void UploadPipeline::fill(std::size_t n) {
  if (n == 0) return;
  upload_->admit(n);
  current_->used += n;
  if (current_->used == kBufferSize) dispatch();
}

asio::awaitable<void> UploadPipeline::write(const char* data, std::size_t n) {
  while (n > 0) {
    auto room = co_await space();
    std::size_t take = std::min(n, room.size());
    std::memcpy(room.data(), data, take);
    fill(take);
    data += take;
    n -= take;
  }
}

asio::awaitable<void> UploadPipeline::finish() {
  if (current_ && current_->used > 0) dispatch();
  co_await settle();
  rethrow_failure();
}

asio::awaitable<void> UploadPipeline::settle() {
  while (in_flight_ > 0) {
    wake_.expires_at(asio::steady_timer::time_point::max());
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

void UploadPipeline::dispatch() {
  Buffer* b = current_;
  current_ = nullptr;
  ++in_flight_;
  b->pending = 3;
  post_work(write_, b, [](service::Upload& u, const char* d, std::size_t n) { u.write(d, n); });
  post_work(hash_, b, [](service::Upload& u, const char* d, std::size_t n) { u.hash(d, n); });
  post_work(analyse_, b, [](service::Upload& u, const char* d, std::size_t n) { u.analyse(d, n); });
}

template <class Work>
void UploadPipeline::post_work(Strand& strand, Buffer* b, Work work) {
  asio::post(strand, [self = shared_from_this(), b, work] {
    if (!self->failed_) {
      try {
        work(*self->upload_, b->data.get(), b->used);
      } catch (...) {
        self->fail(std::current_exception());
      }
    }
    self->work_done(b);
  });
}

void UploadPipeline::work_done(Buffer* b) {
  if (--b->pending > 0) return;
  asio::post(connection_, [self = shared_from_this(), b] {
    b->used = 0;
    self->free_.push_back(b);
    --self->in_flight_;
    self->wake_.cancel();
  });
}

void UploadPipeline::fail(std::exception_ptr e) {
  std::lock_guard<std::mutex> lock(failure_mutex_);
  if (!failure_) failure_ = e;
  failed_ = true;
}

void UploadPipeline::rethrow_failure() {
  if (!failed_) return;
  std::lock_guard<std::mutex> lock(failure_mutex_);
  std::rethrow_exception(failure_);
}

}  // namespace racesense::http
