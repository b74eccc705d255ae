// Hugging Face hub models: ids such as `sentence-transformers/all-MiniLM-L6-v2` resolved in the
// cache that huggingface_hub writes (so models downloaded with Python are found), and `pull`,
// which downloads a model into that same cache over HTTPS. The layout follows huggingface_hub:
//
//   <cache>/models--{org}--{name}/
//     refs/{revision}                  the commit hash the revision (branch, tag) pointed to
//     blobs/{etag}                     file contents, named by sha256 (LFS) or git blob id
//     snapshots/{commit}/{path}        relative symlinks into blobs/
//
// Nothing here touches the network except pull().
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace topica::hub {

/// The hub cache folder, with huggingface_hub's precedence: $HF_HUB_CACHE, $HUGGINGFACE_HUB_CACHE
/// (its legacy name), $HF_HOME/hub, $XDG_CACHE_HOME/huggingface/hub, ~/.cache/huggingface/hub.
/// A leading "~/" is expanded as Python's os.path.expanduser does.
std::filesystem::path cache_dir();

/// True for a repo id the hub accepts: `name` or `org/name`, each part of letters, digits, '_',
/// '-' and '.', not starting or ending with '-' or '.', without "--" or "..", 96 characters at most.
bool is_repo_id(std::string_view id);

/// True for a full 40-hex-digit git commit hash (a revision that needs no refs/ lookup).
bool is_commit_hash(std::string_view revision);

/// `models--org--name`: the cache folder of a model repo.
std::string repo_folder_name(std::string_view repo_id);

/// The snapshot folder of `repo_id` at `revision` (a branch, tag or commit hash) in `cache`, if
/// the cache holds it: refs/{revision} names the commit, snapshots/{commit} must exist.
std::optional<std::filesystem::path> find_snapshot(const std::filesystem::path& cache, std::string_view repo_id,
                                                   std::string_view revision = "main");

/// A hub model named on the command line: `org/name` (revision main) or `org/name@REVISION`, as
/// sentence-transformers' `revision=` argument would pin it (a branch, tag or commit hash).
struct ModelReference {
  std::string id;
  std::string revision = "main";
};

/// `value` read as a ModelReference, or nullopt when it is not one (an invalid id, or an '@' with
/// an empty or unsafe revision such as "../x").
std::optional<ModelReference> parse_model_reference(std::string_view value);

/// What every `--model` goes through: an existing folder is returned as it is; otherwise a hub id
/// (`ID` or `ID@REVISION`) is looked up in cache_dir() at that revision. Throws InputError naming
/// both places looked in and suggesting the `topica model pull` command when neither has it.
/// Anything else is returned unchanged so the loader reports it.
std::filesystem::path resolve_model_folder(const std::filesystem::path& model);

struct PullOptions {
  std::string revision = "main";      ///< branch, tag or commit hash
  bool all = false;                   ///< every file of the repo, not only what the encoder reads
  std::vector<std::string> include;   ///< extra files: fnmatch globs over repo paths ('*' spans '/')
  /// Where and how; pull_options_from_env() fills these from HF_* variables.
  std::filesystem::path cache;
  std::string endpoint = "https://huggingface.co";
  std::optional<std::string> token;   ///< sent as "Authorization: Bearer" to the endpoint only
  bool offline = false;               ///< HF_HUB_OFFLINE: refuse the network
  /// Called as each downloaded file's bytes arrive (the file's repo path, bytes it has, its
  /// size), for a front end's progress line; empty: not called.
  std::function<void(std::string_view file, std::uint64_t have, std::uint64_t size)> progress;
};

/// Cache and endpoint settings from the environment, as huggingface_hub reads them: cache_dir(),
/// $HF_ENDPOINT (trailing '/' removed), $HF_TOKEN else the token file ($HF_TOKEN_PATH, else
/// $HF_HOME/token, as `huggingface-cli login` writes it), $HF_HUB_OFFLINE (1/ON/YES/TRUE).
PullOptions pull_options_from_env();

struct PullResult {
  std::string commit;                  ///< the commit the revision resolved to
  std::filesystem::path snapshot;      ///< snapshots/{commit}
  std::size_t files = 0;               ///< files in the snapshot from this pull
  std::size_t downloaded = 0;          ///< of which fetched now (the rest were in blobs/ already)
  std::uint64_t bytes = 0;             ///< bytes received now
};

/// Downloads `repo_id` at options.revision into options.cache: lists the repo through
/// {endpoint}/api/models/{id}/revision/{rev}?blobs=true, keeps the files an encoder reads
/// (config, tokenizer, sentence-transformers modules, model*.safetensors and their index) plus
/// `include` (or all), and fetches each missing blob from {endpoint}/{id}/resolve/{commit}/{path}
/// into blobs/{etag}.incomplete, resuming with an HTTP Range request where an earlier pull
/// stopped. A blob whose size, sha256 (LFS files) or git blob id (other files) differs from the
/// listing is deleted and reported; only verified blobs are renamed into blobs/ and linked from
/// the snapshot. Throws Error with a one-line message on any failure.
PullResult pull(std::string_view repo_id, const PullOptions& options);

}  // namespace topica::hub
