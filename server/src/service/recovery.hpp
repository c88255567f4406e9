#pragma once

#include <cstddef>

#include "service/venues.hpp"
#include "storage/blob_store.hpp"
#include "storage/session_repository.hpp"

namespace racesense::service {

struct RecoveryReport {
  std::size_t adopted = 0, removed = 0;
};

// At start, before serving: a stored file without a session row (the server stopped between the
// rename and the insert) is adopted when its content matches the SHA-256 its name carries and no
// session has those bytes yet; any other such file is removed. Afterwards every stored file has a
// row. The logger was never answered 200 for such a file, so it still has it either way.
RecoveryReport recover_orphans(storage::SessionRepository& repo, storage::BlobStore& blobs, Venues& venues);

}  // namespace racesense::service
