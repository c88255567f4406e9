// Errors are values in the firmware: an enum class and a small result type, no exceptions.
#pragma once

#include <utility>

namespace rs {

enum class Error {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kIo,
  kNoSpace,
  kBusy,
  kCancelled,
  kWifiAuthFailed,
  kWifiNotFound,
  kWifiFailed,
  kServerUnreachable,
  kTlsFailed,
  kTimeout,
  kConnectionLost,
};

const char* error_name(Error e);

// Either a value or an error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : error_(error) {}         // NOLINT
  bool ok() const { return error_ == Error::kOk; }
  Error error() const { return error_; }
  T& value() { return value_; }
  const T& value() const { return value_; }
  T* operator->() { return &value_; }

 private:
  T value_{};
  Error error_ = Error::kOk;
};

// An operation that yields no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(error) {}  // NOLINT
  bool ok() const { return error_ == Error::kOk; }
  Error error() const { return error_; }

 private:
  Error error_ = Error::kOk;
};

}  // namespace rs
