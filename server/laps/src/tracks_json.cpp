#include <cctype>

#include "racesense/analysis/analysis.hpp"

namespace racesense::analysis {
namespace {
bool number_in(const nlohmann::json& obj, const char* key, double lo, double hi, double& out, std::string& error,
               bool required = true, bool lo_exclusive = false) {
  if (!obj.contains(key)) {
    if (required) error = std::string("start_line.") + key + " is missing";
    return !required;
  }
  const auto& v = obj[key];
  if (!v.is_number()) {
    error = std::string("start_line.") + key + " must be a number";
    return false;
  }
  out = v.get<double>();
  if (out < lo || out > hi || (lo_exclusive && out == lo)) {
    error = std::string("start_line.") + key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi);
    return false;
  }
  return true;
}

std::string slug(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "track" : out;
}

std::optional<std::string> optional_string(const nlohmann::json& j, const char* key, std::string& error) {
  if (!j.contains(key) || j[key].is_null()) return std::string();
  if (!j[key].is_string()) {
    error = std::string(key) + " must be a string";
    return std::nullopt;
  }
  return j[key].get<std::string>();
}
}  // namespace

std::optional<Track> track_from_json(const nlohmann::json& j, std::string& error) {
  if (!j.is_object()) {
    error = "a track must be a JSON object";
    return std::nullopt;
  }
  Track t;
  auto id = optional_string(j, "id", error);
  auto name = optional_string(j, "name", error);
  auto location = optional_string(j, "location", error);
  if (!id || !name || !location) return std::nullopt;
  if (name->empty()) {
    error = "name is required";
    return std::nullopt;
  }
  t.id = id->empty() ? slug(*name) : *id;
  t.name = *name;
  t.location = *location;
  if (!j.contains("start_line") || !j["start_line"].is_object()) {
    error = "start_line must be an object with lat, lon, radius_m and heading";
    return std::nullopt;
  }
  const auto& sl = j["start_line"];
  auto& l = t.start_line;
  if (!number_in(sl, "lat", -90, 90, l.lat, error) || !number_in(sl, "lon", -180, 180, l.lon, error) ||
      !number_in(sl, "radius_m", 0, 500, l.radius_m, error, false, true) ||
      !number_in(sl, "heading", 0, 360, l.heading_deg, error))
    return std::nullopt;
  if (j.contains("automatic")) {
    if (!j["automatic"].is_boolean()) {
      error = "automatic must be true or false";
      return std::nullopt;
    }
    t.automatic = j["automatic"].get<bool>();
  }
  return t;
}

nlohmann::json track_to_json(const Track& t) {
  nlohmann::json j = {{"id", t.id},
                      {"name", t.name},
                      {"start_line", {{"lat", t.start_line.lat}, {"lon", t.start_line.lon},
                                      {"radius_m", t.start_line.radius_m}, {"heading", t.start_line.heading_deg}}},
                      {"location", t.location}};
  if (t.automatic) j["automatic"] = true;
  return j;
}

std::optional<std::vector<Track>> parse_tracks_json(std::string_view text, std::string& error) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) {
    error = "tracks.json must be a JSON array of tracks";
    return std::nullopt;
  }
  std::vector<Track> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto t = track_from_json(j[i], error);
    if (!t) {
      error = "track " + std::to_string(i + 1) + ": " + error;
      return std::nullopt;
    }
    out.push_back(*t);
  }
  return out;
}

}  // namespace racesense::analysis
