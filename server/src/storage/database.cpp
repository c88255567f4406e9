#include "storage/database.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

#include "storage/migrations.hpp"
#include "storage/storage_error.hpp"

namespace racesense::storage {
namespace {
[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  std::string message = what + ": " + (db ? sqlite3_errmsg(db) : "no database");
  if (db && sqlite3_errcode(db) == SQLITE_FULL) throw StorageFullError(message);
  throw std::runtime_error(message);
}

// SQLite creates the file with the process umask (often 0644); the database holds the upload token.
void create_private(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
  ::chmod(path.c_str(), 0600);
}
}  // namespace

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, "SQL prepare failed");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  if (value) return bind(index, *value);
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  if (value) return bind(index, *value);
  sqlite3_bind_null(stmt_, index);
  return *this;
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "SQL step failed");
}

void Statement::run() {
  while (step()) {
  }
}

std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::column_text(int col) const {
  auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : "";
}

std::optional<std::int64_t> Statement::column_opt_int(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return column_int(col);
}

std::optional<std::string> Statement::column_opt_text(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return column_text(col);
}

Database::Database(const std::string& path) {
  create_private(path);
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string msg = "cannot open database " + path + ": " + sqlite3_errmsg(db_);
    sqlite3_close(db_);
    throw std::runtime_error(msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
  migrate();
}

Database::~Database() { sqlite3_close(db_); }

void Database::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = std::string("SQL failed: ") + (err ? err : "unknown error");
    sqlite3_free(err);
    if (rc == SQLITE_FULL) throw StorageFullError(msg);
    throw std::runtime_error(msg);
  }
}

void Database::limit_pages(std::int64_t pages) {
  auto guard = lock();
  exec(("PRAGMA max_page_count=" + std::to_string(pages)).c_str());
}

std::int64_t Database::page_count() {
  auto guard = lock();
  Statement s(db_, "PRAGMA page_count");
  return s.step() ? s.column_int(0) : 0;
}

int Database::schema_version() {
  Statement s(db_, "PRAGMA user_version");
  return s.step() ? static_cast<int>(s.column_int(0)) : 0;
}

void Database::migrate() {
  int current = schema_version();
  for (const auto& m : migrations()) {
    if (m.version <= current) continue;
    Transaction tx(*this);
    exec(m.sql);
    exec(("PRAGMA user_version=" + std::to_string(m.version)).c_str());
    tx.commit();
  }
}

}  // namespace racesense::storage
