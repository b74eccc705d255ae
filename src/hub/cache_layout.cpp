// Where huggingface_hub keeps models, and how a hub id becomes a snapshot folder there.
#include <algorithm>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "hub/cache_paths.hpp"
#include "topica/error.hpp"
#include "topica/hub.hpp"

namespace topica::hub {
namespace fs = std::filesystem;

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// One side of "org/name": huggingface_hub's validate_repo_id wants [\w\-.]+ between word
// boundaries, so the first and last characters are word characters.
bool is_repo_id_part(std::string_view part) {
  if (part.empty() || !is_word_char(part.front()) || !is_word_char(part.back())) return false;
  for (const char c : part) {
    if (!is_word_char(c) && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace

bool is_safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos) {
    return false;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

fs::path expand_user(const std::string& path) {
  if (path == "~" || path.starts_with("~/")) {
    if (const auto home = env("HOME")) return fs::path(*home + path.substr(1));
  }
  return fs::path(path);
}

fs::path hf_home() {
  if (const auto home = env("HF_HOME")) return expand_user(*home);
  if (const auto xdg = env("XDG_CACHE_HOME")) return expand_user(*xdg) / "huggingface";
  return expand_user("~/.cache") / "huggingface";
}

fs::path cache_dir() {
  if (const auto cache = env("HF_HUB_CACHE")) return expand_user(*cache);
  if (const auto legacy = env("HUGGINGFACE_HUB_CACHE")) return expand_user(*legacy);
  return hf_home() / "hub";
}

bool is_repo_id(std::string_view id) {
  if (id.size() > 96 || id.find("--") != std::string_view::npos || id.find("..") != std::string_view::npos) return false;
  const auto slash = id.find('/');
  if (slash == std::string_view::npos) return is_repo_id_part(id);
  return is_repo_id_part(id.substr(0, slash)) && is_repo_id_part(id.substr(slash + 1));
}

bool is_commit_hash(std::string_view revision) {
  if (revision.size() != 40) return false;
  for (const char c : revision) {
    if (!is_hex_digit(c)) return false;
  }
  return true;
}

std::string repo_folder_name(std::string_view repo_id) {
  std::string name = "models--";
  for (const char c : repo_id) {
    if (c == '/') {
      name += "--";
    } else {
      name += c;
    }
  }
  return name;
}

std::optional<std::string> read_ref(const fs::path& repo_folder, std::string_view revision) {
  std::ifstream in(repo_folder / "refs" / std::string(revision));
  std::string commit;
  if (!in || !std::getline(in, commit)) return std::nullopt;
  while (!commit.empty() && (commit.back() == '\r' || commit.back() == ' ')) commit.pop_back();
  if (!is_commit_hash(commit)) return std::nullopt;
  return commit;
}

std::optional<fs::path> find_snapshot(const fs::path& cache, std::string_view repo_id, std::string_view revision) {
  if (!is_safe_relative_path(revision)) return std::nullopt;
  const fs::path repo = cache / repo_folder_name(repo_id);
  // A branch may be named like a hash; huggingface_hub reads refs/ first too.
  std::optional<std::string> commit = read_ref(repo, revision);
  if (!commit && is_commit_hash(revision)) commit = std::string(revision);
  if (!commit) return std::nullopt;
  const fs::path snapshot = repo / "snapshots" / *commit;
  std::error_code ec;
  if (!fs::is_directory(snapshot, ec)) return std::nullopt;
  return snapshot;
}

std::optional<ModelReference> parse_model_reference(std::string_view value) {
  const auto at = value.rfind('@');
  ModelReference reference;
  reference.id = std::string(value.substr(0, at));
  if (at != std::string_view::npos) {
    reference.revision = std::string(value.substr(at + 1));
    if (!is_safe_relative_path(reference.revision)) return std::nullopt;
  }
  if (!is_repo_id(reference.id)) return std::nullopt;
  return reference;
}

fs::path resolve_model_folder(const fs::path& model) {
  std::error_code ec;
  if (fs::is_directory(model, ec)) return model;
  const std::optional<ModelReference> reference = parse_model_reference(model.string());
  if (!reference) return model;
  const fs::path cache = cache_dir();
  if (auto snapshot = find_snapshot(cache, reference->id, reference->revision)) return *snapshot;
  const bool main = reference->revision == "main";
  throw InputError(fmt::format(
      "--model {}: no such folder, and the Hugging Face cache has no snapshot of it at {} (refs/{}); "
      "download it with: topica model pull {}{}",
      model.string(), (cache / repo_folder_name(reference->id)).string(), reference->revision, reference->id,
      main ? "" : " --revision " + reference->revision));
}

}  // namespace topica::hub
