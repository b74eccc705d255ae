// A stand-in for the Hugging Face hub on 127.0.0.1 (an ephemeral port), serving one model folder
// in the hub's URL layout:
//   GET /api/models/{id}/revision/{rev}?blobs=true   {sha, siblings: [{rfilename, size, blobId, lfs}]}
//   GET /{id}/resolve/{rev}/{path}                   the file, with Range support (cpp-httplib's)
// *.safetensors are served as LFS files (lfs.sha256), the rest as git files (blobId). Every
// request is logged with its Range and Authorization headers, and faults can be switched on:
// a connection dropped half-way through a file once, a corrupted byte, a redirect to a CDN.
#pragma once

#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "hub/file_digest.hpp"
#include "support/test_support.hpp"

namespace topica::test {

struct LoggedRequest {
  std::string path, range, authorization;
};

class HubServer {
 public:
  static constexpr const char* kCommit = "3f2a9c1e5b7d4a6c8e0f1a2b3c4d5e6f7a8b9c0d";

  HubServer(std::string repo_id, const std::filesystem::path& folder) : repo_id_(std::move(repo_id)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
      if (!entry.is_regular_file()) continue;
      const std::string path = std::filesystem::relative(entry.path(), folder).generic_string();
      File file;
      file.content = read_file(entry.path().string());
      file.lfs = path.ends_with(".safetensors");
      file.digest = file.lfs ? hub::file_sha256(entry.path()) : hub::file_git_blob_id(entry.path());
      files_[path] = std::move(file);
    }
    server_.Get(R"(/api/models/(.+)/revision/([^/]+))",
                [this](const httplib::Request& req, httplib::Response& res) { serve_listing(req, res); });
    server_.Get(R"(/(.+)/resolve/([^/]+)/(.+))",
                [this](const httplib::Request& req, httplib::Response& res) { serve_file(req, res); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~HubServer() {
    server_.stop();
    thread_.join();
  }
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& digest(const std::string& path) const { return files_.at(path).digest; }

  std::vector<LoggedRequest> log() const {
    std::lock_guard lock(mutex_);
    return log_;
  }
  /// Requests for one repo file.
  std::vector<LoggedRequest> file_requests(const std::string& path) const {
    std::vector<LoggedRequest> found;
    for (const LoggedRequest& r : log()) {
      if (r.path.ends_with("/resolve/" + std::string(kCommit) + "/" + path)) found.push_back(r);
    }
    return found;
  }

  /// The next GET of `path` sends its first half, then closes the connection.
  void drop_halfway_once(const std::string& path) {
    std::lock_guard lock(mutex_);
    drop_once_.insert(path);
  }
  /// Every GET of `path` sends its bytes with the middle one changed (the listing stays right).
  void corrupt(const std::string& path) {
    std::lock_guard lock(mutex_);
    corrupt_.insert(path);
  }
  /// LFS files answer 302 to the same path on `cdn` (the hub sends them to its CDN like this).
  void redirect_lfs_to(const std::string& cdn) {
    std::lock_guard lock(mutex_);
    cdn_ = cdn;
  }

 private:
  struct File {
    std::string content, digest;
    bool lfs = false;
  };

  void record(const httplib::Request& req) {
    std::lock_guard lock(mutex_);
    log_.push_back({req.path, req.get_header_value("Range"), req.get_header_value("Authorization")});
  }

  void serve_listing(const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (req.matches[1] != repo_id_) {
      res.status = 401;  // what the hub answers for a repo it does not show you
      res.set_header("X-Error-Code", "RepoNotFound");
      return;
    }
    if (req.matches[2] != "main" && req.matches[2] != kCommit) {
      res.status = 404;
      res.set_header("X-Error-Code", "RevisionNotFound");
      return;
    }
    nlohmann::json siblings = nlohmann::json::array();
    for (const auto& [path, file] : files_) {
      nlohmann::json sibling{{"rfilename", path}, {"size", file.content.size()}};
      if (file.lfs) {
        sibling["blobId"] = std::string(40, 'a');  // the LFS pointer's git id, unused for LFS files
        sibling["lfs"] = {{"sha256", file.digest}, {"size", file.content.size()}, {"pointerSize", 134}};
      } else {
        sibling["blobId"] = file.digest;
      }
      siblings.push_back(sibling);
    }
    res.set_content(nlohmann::json{{"id", repo_id_}, {"sha", kCommit}, {"siblings", siblings}}.dump(),
                    "application/json");
  }

  void serve_file(const httplib::Request& req, httplib::Response& res) {
    record(req);
    const auto found = files_.find(req.matches[3].str());
    if (req.matches[1] != repo_id_ || found == files_.end()) {
      res.status = 404;
      res.set_header("X-Error-Code", "EntryNotFound");
      return;
    }
    const std::string path = found->first;
    std::string content = found->second.content;
    std::lock_guard lock(mutex_);
    if (found->second.lfs && !cdn_.empty()) {
      res.set_redirect(cdn_ + req.path, 302);
      return;
    }
    if (corrupt_.count(path) != 0) content[content.size() / 2] ^= 0x20;
    if (drop_once_.erase(path) != 0) {
      // cpp-httplib closes the connection when a content provider returns false.
      res.set_content_provider(content.size(), "application/octet-stream",
                               [content](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 const std::size_t half = content.size() / 2;
                                 if (offset < half) sink.write(content.data() + offset, half - offset);
                                 return false;
                               });
      return;
    }
    res.set_content(content, "application/octet-stream");  // cpp-httplib answers a Range request with a 206
  }

  std::string repo_id_;
  std::map<std::string, File> files_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<LoggedRequest> log_;
  std::set<std::string> drop_once_, corrupt_;
  std::string cdn_;
};

}  // namespace topica::test
