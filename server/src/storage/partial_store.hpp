#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/blob_store.hpp"

namespace racesense::storage {

// What is known of one partial upload.
struct PartialInfo {
  std::uint64_t offset = 0;              // bytes stored (durable once the request that wrote them ended)
  std::optional<std::uint64_t> length;   // the whole file's size, when the client said it
  std::string filename;
  std::chrono::seconds expires_in{0};
};

// Resumable uploads' partial files (docs/protocol.md §2.2): <data>/partial/<sha256>.part holds the
// bytes received so far, <sha256>.meta the file's name and length. Their bytes count in the quota
// and the disk reserve like stored files. A partial expires `expiry` after its last byte arrived.
// Callers make sure one request at a time works on a given SHA-256 (ResumableUploads' leases).
class PartialStore {
 public:
  PartialStore(const std::filesystem::path& data_dir, BlobStore& blobs, std::chrono::seconds expiry);

  // At start: makes every partial durable (fsync), counts its bytes, removes expired and stray ones.
  std::size_t recover();
  std::optional<PartialInfo> find(const std::string& sha256);  // an expired one is removed: nullopt
  // A new partial (an older one of that SHA-256 is replaced), empty.
  std::unique_ptr<TempBlob> create(const std::string& sha256, const std::string& filename,
                                   std::optional<std::uint64_t> length);
  std::unique_ptr<TempBlob> open_append(const std::string& sha256);  // nullptr when there is none
  std::filesystem::path data_path(const std::string& sha256) const;
  void discard(const std::string& sha256);   // removes it and gives its bytes back to the quota
  void committed(const std::string& sha256);  // its data became a session file: the metadata goes
  std::vector<std::string> expired();         // SHA-256s past their expiry
  std::chrono::seconds expiry() const { return expiry_; }

 private:
  std::filesystem::path meta_path(const std::string& sha256) const;
  std::chrono::seconds age(const std::string& sha256) const;

  std::filesystem::path dir_;
  BlobStore& blobs_;
  std::chrono::seconds expiry_;
};

}  // namespace racesense::storage
