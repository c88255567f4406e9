#include "app/public_url.hpp"

#include <fstream>
#include <sstream>

namespace racesense {

std::optional<std::string> normalized_public_url(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::nullopt;
  std::string url = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  constexpr std::string_view scheme = "https://";
  if (url.rfind(scheme, 0) != 0 || url.size() == scheme.size()) return std::nullopt;
  if (url.find_first_of(" \t\r\n?#") != std::string::npos) return std::nullopt;
  while (url.back() == '/') url.pop_back();
  return url;
}

PublicUrl::PublicUrl(std::optional<std::string> fixed, std::filesystem::path file)
    : fixed_(std::move(fixed)), file_(std::move(file)), current_(fixed_) {
  refresh();
}

std::optional<std::string> PublicUrl::get() const {
  std::lock_guard lock(mutex_);
  return current_;
}

bool PublicUrl::refresh() {
  if (fixed_) return false;
  std::optional<std::string> read;
  if (std::ifstream in{file_}) {
    std::stringstream text;
    text << in.rdbuf();
    read = normalized_public_url(text.str());
  }
  std::lock_guard lock(mutex_);
  if (read == current_) return false;
  current_ = std::move(read);
  return true;
}

}  // namespace racesense
