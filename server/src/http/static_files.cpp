#include "http/static_files.hpp"

#include "http/responses.hpp"
#include "util/text.hpp"

namespace racesense::http {
namespace fs = std::filesystem;
namespace {
constexpr const char* kPlaceholder = R"(<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>RaceSense</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em">
<h1>RaceSense server is running</h1>
<p>The web app has not been built yet. Run <code>scripts/run.sh</code> (it builds <code>web/</code>),
or start the server with <code>--web-dir</code> pointing at a built <code>web/dist</code>.</p>
<p>The API is at <code>/api/health</code>, <code>/api/sessions</code> and <code>/api/upload</code>.</p>
</body></html>)";

std::string_view mime_type(const fs::path& p) {
  auto ext = util::to_lower(p.extension().string());
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// The page, the service worker and what it reads to update itself: always checked with the server,
// so a rebuilt web app reaches installed phones on their next visit.
bool must_revalidate(const fs::path& file) {
  auto name = file.filename().string();
  return name == "index.html" || name == "sw.js" || name == "registerSW.js" || name == "manifest.webmanifest";
}

// Resolves a URL path inside root, refusing anything that climbs out of it.
std::optional<fs::path> resolve(const fs::path& root, std::string_view target) {
  auto path = target.substr(0, target.find('?'));
  auto decoded = util::percent_decode(path);
  if (!decoded || decoded->find('\0') != std::string::npos) return std::nullopt;
  fs::path rel = fs::path(*decoded).relative_path().lexically_normal();
  if (!rel.empty() && *rel.begin() == "..") return std::nullopt;
  if (rel.empty() || rel == ".") rel = "index.html";
  return root / rel;
}

AnyResponse text_page(bhttp::status status, std::string body, const bhttp::request<bhttp::string_body>& req) {
  StringResponse res{status, req.version()};
  add_common_headers(res.base());
  res.set(bhttp::field::content_type, "text/html; charset=utf-8");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}
}  // namespace

AnyResponse serve_static(const fs::path& web_dir, const bhttp::request<bhttp::string_body>& req) {
  auto file = resolve(web_dir, req.target());
  if (!file) return text_page(bhttp::status::bad_request, "Bad path", req);
  std::error_code ec;
  if (!fs::is_regular_file(*file, ec) && !file->has_extension()) file = web_dir / "index.html";
  if (!fs::is_regular_file(*file, ec)) {
    if (*file == web_dir / "index.html") return text_page(bhttp::status::ok, kPlaceholder, req);
    return text_page(bhttp::status::not_found, "Not found", req);
  }
  bhttp::file_body::value_type body;
  boost::beast::error_code bec;
  body.open(file->c_str(), boost::beast::file_mode::scan, bec);
  if (bec) return text_page(bhttp::status::not_found, "Not found", req);
  bhttp::response<bhttp::file_body> res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::server, "racesense-server");
  res.set(bhttp::field::content_type, mime_type(*file));
  res.set(bhttp::field::cache_control, must_revalidate(*file) ? "no-cache" : "public, max-age=3600");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  if (req.method() == bhttp::verb::head) {
    bhttp::response<bhttp::empty_body> head{bhttp::status::ok, req.version()};
    head.base() = res.base();
    return head;
  }
  return res;
}

}  // namespace racesense::http
