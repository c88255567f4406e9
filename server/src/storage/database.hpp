#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace racesense::storage {

// A prepared statement; binds are 1-based like SQLite's, columns 0-based.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, const std::optional<std::string>& value);
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  void reset();  // ready to bind and run again
  bool step();   // true while a row is available; throws StorageFullError when the disk is full
  void run();   // step to completion

  std::int64_t column_int(int col) const;
  std::string column_text(int col) const;
  std::optional<std::int64_t> column_opt_int(int col) const;
  std::optional<std::string> column_opt_text(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// One SQLite connection guarded by a mutex; WAL journal with synchronous=FULL so a committed row
// survives a power cut (the device deletes its copy once we answer 200).
class Database {
 public:
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const char* sql);
  Statement prepare(const char* sql) { return Statement(db_, sql); }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex_); }
  int schema_version();
  // Caps the database's size (PRAGMA max_page_count): past it SQLite reports "database or disk is
  // full" exactly as on a full disk. For tests of that path.
  void limit_pages(std::int64_t pages);
  std::int64_t page_count();

 private:
  void migrate();
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

// Commits on commit(), rolls back otherwise.
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) {
      try { db_.exec("ROLLBACK"); } catch (...) {}
    }
  }
  void commit() {
    db_.exec("COMMIT");
    done_ = true;
  }

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace racesense::storage
