// Cache helpers that pull shares with resolution. Internal to libtopica.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace topica::hub {

/// The environment variable `name`, or nullopt when it is unset or empty (huggingface_hub treats
/// both alike).
std::optional<std::string> env(const char* name);

/// "~" and "~/..." with $HOME, as os.path.expanduser does; anything else unchanged.
std::filesystem::path expand_user(const std::string& path);

/// $HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface: where the token file lives.
std::filesystem::path hf_home();

/// True for a relative path that stays below its folder: no "", ".", ".." parts, no leading
/// '/', no backslash. Repo file names and revisions become paths in the cache, so both must be.
bool is_safe_relative_path(std::string_view path);

/// The commit hash in {repo_folder}/refs/{revision}, if that file holds one.
std::optional<std::string> read_ref(const std::filesystem::path& repo_folder, std::string_view revision);

}  // namespace topica::hub
