// `topica model pull`: list the repo, fetch each chosen blob, link the snapshot, write the ref.
// The ref is written last, so an interrupted pull never makes a hub id resolve to a snapshot
// with files missing.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "hub/blob_download.hpp"
#include "hub/cache_paths.hpp"
#include "hub/http_client.hpp"
#include "hub/repo_listing.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/hub.hpp"

namespace topica::hub {
namespace fs = std::filesystem;
namespace {

// huggingface_hub's _is_true: "1", "ON", "YES", "TRUE" in any case.
bool env_is_true(const char* name) {
  std::string value = env(name).value_or("");
  for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return value == "1" || value == "ON" || value == "YES" || value == "TRUE";
}

std::optional<std::string> read_token_file(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  const auto first = token.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::nullopt;
  token = token.substr(first, token.find_last_not_of(" \t\r\n") - first + 1);
  return token;
}

void make_folder(const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw Error(fmt::format("{}: cannot create folder: {}", folder.string(), ec.message()));
}

// snapshots/{commit}/{path} -> ../../blobs/{etag} (one more ../ per folder in path), relative as
// huggingface_hub makes it so that the cache can be moved. Replaced atomically through a rename.
void link_into_snapshot(const fs::path& snapshot, const RepoFile& file) {
  const fs::path link = snapshot / file.path;
  make_folder(link.parent_path());
  std::string target = "../../";
  for (const char c : file.path) {
    if (c == '/') target += "../";
  }
  target += "blobs/" + file.etag();
  const fs::path temp = link.string() + ".topica-link";
  std::error_code ec;
  fs::remove(temp, ec);
  fs::create_symlink(target, temp, ec);
  if (!ec) fs::rename(temp, link, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw Error(fmt::format("{}: cannot link to the blob: {}", link.string(), ec.message()));
  }
}

void note_missing_weights(std::string_view repo_id, const std::vector<RepoFile>& files) {
  for (const RepoFile& file : files) {
    if (file.path.ends_with(".safetensors")) return;
  }
  std::fprintf(stderr, "topica model pull: note: %.*s has no model.safetensors; topica reads safetensors weights only\n",
               static_cast<int>(repo_id.size()), repo_id.data());
}

}  // namespace

PullOptions pull_options_from_env() {
  PullOptions options;
  options.cache = cache_dir();
  options.endpoint = env("HF_ENDPOINT").value_or("https://huggingface.co");
  while (options.endpoint.size() > 1 && options.endpoint.back() == '/') options.endpoint.pop_back();
  options.token = env("HF_TOKEN");
  if (!options.token) {
    const auto path = env("HF_TOKEN_PATH");
    options.token = read_token_file(path ? expand_user(*path) : hf_home() / "token");
  }
  options.offline = env_is_true("HF_HUB_OFFLINE");
  return options;
}

PullResult pull(std::string_view repo_id, const PullOptions& options) {
  if (!is_repo_id(repo_id)) {
    throw UsageError(fmt::format("'{}' is not a hub model id (org/name, e.g. sentence-transformers/all-MiniLM-L6-v2)", repo_id));
  }
  if (!is_safe_relative_path(options.revision)) {
    throw UsageError(fmt::format("--revision '{}': not a branch, tag or commit name", options.revision));
  }
  if (options.offline) {
    throw Error(fmt::format("HF_HUB_OFFLINE is set: not downloading {}; unset it to pull", repo_id));
  }
  const HttpClient http(options.endpoint, options.token);
  const RepoListing listing = fetch_repo_listing(http, options.endpoint, repo_id, options.revision);
  const std::vector<RepoFile> files = select_files(listing, options.all, options.include);
  if (files.empty()) {
    throw Error(fmt::format("{} at {}: none of its {} files is one an encoder reads; name them with --include or --all",
                            repo_id, listing.commit, listing.files.size()));
  }
  note_missing_weights(repo_id, files);

  const std::string folder_name = repo_folder_name(repo_id);
  const fs::path repo = options.cache / folder_name;
  const BlobFolders folders{repo / "blobs", options.cache / ".locks" / folder_name};
  PullResult result;
  result.commit = listing.commit;
  result.snapshot = repo / "snapshots" / listing.commit;
  make_folder(folders.blobs);
  make_folder(result.snapshot);
  for (const RepoFile& file : files) {
    const std::string url =
        fmt::format("{}/{}/resolve/{}/{}", options.endpoint, repo_id, listing.commit, percent_encode(file.path, true));
    const std::uint64_t received = fetch_blob(http, url, file, folders, options.progress);
    link_into_snapshot(result.snapshot, file);
    result.bytes += received;
    result.downloaded += received > 0 ? 1 : 0;
    ++result.files;
  }
  if (options.revision != listing.commit) {
    const fs::path ref = repo / "refs" / options.revision;
    make_folder(ref.parent_path());
    write_file_atomically(ref.string(), listing.commit);  // no newline, as huggingface_hub writes it
  }
  return result;
}

}  // namespace topica::hub
