#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace racesense::util {

// Decodes %XX escapes (and '+' as space when form_encoding); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view in, bool form_encoding = false);

// Splits "a=1&b=x%20y" into decoded pairs; malformed pairs are skipped.
std::map<std::string, std::string> parse_query(std::string_view query);

// A client-supplied filename reduced to something safe to show: last path component only, no
// control characters, at most 200 bytes. Never used as a path on disk.
std::string display_filename(std::string_view raw);

std::string to_lower(std::string_view s);
// Bytes as mebibytes with two decimals, the unit the server's options use: "2.05 MB".
std::string megabytes(std::uint64_t bytes);
std::string_view trim(std::string_view s);

// "2026-11-24T06:40:12Z"
std::string iso8601_utc(std::int64_t epoch_ms);
std::int64_t now_epoch_ms();

// Random hex string from the OS CSPRNG (getrandom).
std::string random_hex(std::size_t bytes);
// Bytes as lower-case hex, two digits each.
std::string to_hex(const unsigned char* bytes, std::size_t size);

// Constant-time comparison, for secrets.
bool secure_equals(std::string_view a, std::string_view b);

}  // namespace racesense::util
