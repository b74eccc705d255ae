// The Hugging Face cache as huggingface_hub lays it out: where it is (env precedence), which ids
// are hub ids, refs/ and commit-hash revisions, and the one-line miss message; the hub listing's
// parsing and file choice; and the content hashes against sha256sum and git themselves.
#include <gtest/gtest.h>

#include <algorithm>

#include "hub/cache_paths.hpp"
#include "hub/file_digest.hpp"
#include "hub/repo_listing.hpp"
#include "hub/scoped_env.hpp"
#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/hub.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;
using test::ScopedEnv;
using test::ScratchDir;

constexpr const char* kCommit = "0123456789abcdef0123456789abcdef01234567";
constexpr const char* kOtherCommit = "89abcdef0123456789abcdef0123456789abcdef";

// A cache holding sentence-transformers/all-MiniLM-L6-v2 at two commits, main -> kCommit.
fs::path make_cache(const ScratchDir& dir) {
  const std::string repo = "hub/models--sentence-transformers--all-MiniLM-L6-v2/";
  dir.write(repo + "refs/main", kCommit);
  dir.write(repo + "snapshots/" + kCommit + "/config.json", "{}");
  dir.write(repo + "snapshots/" + kOtherCommit + "/config.json", "{}");
  return dir.path() / "hub";
}

TEST(HubCache, DirectoryFollowsHuggingFaceHubsPrecedence) {
  ScopedEnv env;
  env.clear_hub().set("HOME", "/home/someone");
  EXPECT_EQ(hub::cache_dir(), fs::path("/home/someone/.cache/huggingface/hub"));
  env.set("XDG_CACHE_HOME", "/xdg");
  EXPECT_EQ(hub::cache_dir(), fs::path("/xdg/huggingface/hub"));
  env.set("HF_HOME", "~/hf");
  EXPECT_EQ(hub::cache_dir(), fs::path("/home/someone/hf/hub"));
  EXPECT_EQ(hub::hf_home(), fs::path("/home/someone/hf"));
  env.set("HUGGINGFACE_HUB_CACHE", "/legacy");
  EXPECT_EQ(hub::cache_dir(), fs::path("/legacy"));
  env.set("HF_HUB_CACHE", "/hub-cache");
  EXPECT_EQ(hub::cache_dir(), fs::path("/hub-cache"));
  env.set("HF_HUB_CACHE", "");  // empty counts as unset
  EXPECT_EQ(hub::cache_dir(), fs::path("/legacy"));
}

TEST(HubCache, RepoIdsAsTheHubValidatesThem) {
  for (const char* id : {"sentence-transformers/all-MiniLM-L6-v2", "bert-base-uncased", "org_1/name.v2", "a/b"}) {
    EXPECT_TRUE(hub::is_repo_id(id)) << id;
  }
  for (const char* id : {"", "/name", "org/", "a/b/c", "-org/name", "org/name.", "org--x/name", "org/na..me",
                         "./model", "../model", "org/name with space", "~/models/x"}) {
    EXPECT_FALSE(hub::is_repo_id(id)) << id;
  }
  EXPECT_FALSE(hub::is_repo_id(std::string(97, 'a')));
  EXPECT_EQ(hub::repo_folder_name("sentence-transformers/all-MiniLM-L6-v2"),
            "models--sentence-transformers--all-MiniLM-L6-v2");
  EXPECT_EQ(hub::repo_folder_name("gpt2"), "models--gpt2");
  EXPECT_TRUE(hub::is_commit_hash(kCommit));
  EXPECT_FALSE(hub::is_commit_hash("main"));
  EXPECT_FALSE(hub::is_commit_hash("0123456789ABCDEF0123456789abcdef01234567"));  // the hub writes lower case
}

TEST(HubCache, SnapshotsComeFromRefsOrACommitHash) {
  ScratchDir dir;
  const fs::path cache = make_cache(dir);
  const fs::path repo = cache / "models--sentence-transformers--all-MiniLM-L6-v2";
  const std::string id = "sentence-transformers/all-MiniLM-L6-v2";
  EXPECT_EQ(hub::find_snapshot(cache, id), repo / "snapshots" / kCommit);
  EXPECT_EQ(hub::find_snapshot(cache, id, kOtherCommit), repo / "snapshots" / kOtherCommit);
  EXPECT_FALSE(hub::find_snapshot(cache, id, "v2"));  // no refs/v2
  EXPECT_FALSE(hub::find_snapshot(cache, id, "fedcba9876543210fedcba9876543210fedcba98"));  // no such snapshot
  EXPECT_FALSE(hub::find_snapshot(cache, "sentence-transformers/other"));
  EXPECT_FALSE(hub::find_snapshot(cache, id, "../../x"));
  dir.write("hub/models--sentence-transformers--all-MiniLM-L6-v2/refs/v2", std::string(kOtherCommit) + "\n");
  EXPECT_EQ(hub::find_snapshot(cache, id, "v2"), repo / "snapshots" / kOtherCommit);
  dir.write("hub/models--sentence-transformers--all-MiniLM-L6-v2/refs/broken", "not a hash");
  EXPECT_FALSE(hub::find_snapshot(cache, id, "broken"));
}

TEST(HubCache, ModelValuesAreFoldersFirstThenHubIds) {
  ScratchDir dir;
  const fs::path cache = make_cache(dir);
  ScopedEnv env;
  env.clear_hub().set("HF_HUB_CACHE", cache.string());
  EXPECT_EQ(hub::resolve_model_folder("sentence-transformers/all-MiniLM-L6-v2"),
            cache / "models--sentence-transformers--all-MiniLM-L6-v2" / "snapshots" / kCommit);
  // An existing folder wins even when its name reads as an id.
  const fs::path local = dir.path() / "sentence-transformers" / "all-MiniLM-L6-v2";
  fs::create_directories(local);
  const auto cwd = fs::current_path();
  fs::current_path(dir.path());
  EXPECT_EQ(hub::resolve_model_folder("sentence-transformers/all-MiniLM-L6-v2"),
            fs::path("sentence-transformers/all-MiniLM-L6-v2"));
  fs::current_path(cwd);
  // Not an id and not a folder: left for the loader to report.
  EXPECT_EQ(hub::resolve_model_folder("./no/such/folder"), fs::path("./no/such/folder"));
  try {
    hub::resolve_model_folder("org/missing-model");
    FAIL() << "a miss must throw";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find((cache / "models--org--missing-model").string()), std::string::npos) << message;
    EXPECT_NE(message.find("topica model pull org/missing-model"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(HubCache, ModelValuesPinARevisionAfterAnAt) {
  ScratchDir dir;
  const fs::path cache = make_cache(dir);
  ScopedEnv env;
  env.clear_hub().set("HF_HUB_CACHE", cache.string());
  const auto reference = hub::parse_model_reference("sentence-transformers/all-MiniLM-L6-v2@v2");
  ASSERT_TRUE(reference);
  EXPECT_EQ(reference->id, "sentence-transformers/all-MiniLM-L6-v2");
  EXPECT_EQ(reference->revision, "v2");
  EXPECT_EQ(hub::parse_model_reference("org/name")->revision, "main");
  EXPECT_FALSE(hub::parse_model_reference("org/name@"));
  EXPECT_FALSE(hub::parse_model_reference("org/name@../../x"));
  EXPECT_FALSE(hub::parse_model_reference("org/na me@v1"));

  const fs::path repo = cache / "models--sentence-transformers--all-MiniLM-L6-v2";
  const std::string id = "sentence-transformers/all-MiniLM-L6-v2";
  EXPECT_EQ(hub::resolve_model_folder(id + "@" + kOtherCommit), repo / "snapshots" / kOtherCommit);
  EXPECT_EQ(hub::resolve_model_folder(id + "@main"), repo / "snapshots" / kCommit);
  dir.write("hub/models--sentence-transformers--all-MiniLM-L6-v2/refs/v2", std::string(kOtherCommit) + "\n");
  EXPECT_EQ(hub::resolve_model_folder(id + "@v2"), repo / "snapshots" / kOtherCommit);
  try {
    hub::resolve_model_folder(id + "@v9");
    FAIL() << "a revision the cache lacks must throw";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("refs/v9"), std::string::npos) << message;
    EXPECT_NE(message.find("topica model pull " + id + " --revision v9"), std::string::npos) << message;
  }
}

TEST(HubListing, ParsesSiblingsAndRejectsUnsafeEntries) {
  const std::string sha256(64, 'b'), blob(40, 'c');
  const std::string good = R"({"sha":")" + std::string(kCommit) + R"(","siblings":[
      {"rfilename":"config.json","size":10,"blobId":")" + blob + R"("},
      {"rfilename":"model.safetensors","size":99,"blobId":")" + blob + R"(","lfs":{"sha256":")" + sha256 +
                           R"(","size":99,"pointerSize":134}}]})";
  const hub::RepoListing listing = hub::parse_repo_listing(good, "listing");
  EXPECT_EQ(listing.commit, kCommit);
  ASSERT_EQ(listing.files.size(), 2u);
  EXPECT_EQ(listing.files[0].etag(), blob);
  EXPECT_EQ(listing.files[1].etag(), sha256);
  EXPECT_EQ(listing.files[1].size, 99u);

  const auto error_of = [](const std::string& json) {
    try {
      hub::parse_repo_listing(json, "listing");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string sibling_head = R"({"sha":")" + std::string(kCommit) + R"(","siblings":[{"rfilename":")";
  EXPECT_NE(error_of(sibling_head + R"(../../etc/passwd","size":1,"blobId":")" + blob + "\"}]}").find("unsafe"),
            std::string::npos);
  EXPECT_NE(error_of(sibling_head + R"(a.json","size":1,"blobId":"xyz"}]})").find("blobId"), std::string::npos);
  EXPECT_NE(error_of(R"({"sha":"main","siblings":[]})").find("'sha'"), std::string::npos);
  EXPECT_NE(error_of("<html>").find("not JSON"), std::string::npos);
}

TEST(HubListing, PullsWhatAnEncoderReadsUnlessToldOtherwise) {
  hub::RepoListing listing;
  for (const char* path : {"config.json", "tokenizer.json", "vocab.txt", "modules.json", "1_Pooling/config.json",
                           "2_Dense/model.safetensors", "model.safetensors", "model-00001-of-00002.safetensors",
                           "model.safetensors.index.json", "pytorch_model.bin", "onnx/model.onnx", "tf_model.h5",
                           "README.md", "onnx/config.json"}) {
    listing.files.push_back({path, 1, std::string(40, 'a'), std::nullopt});
  }
  const auto paths = [](const std::vector<hub::RepoFile>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(f.path);
    return out;
  };
  const std::vector<std::string> encoder{"config.json", "tokenizer.json", "vocab.txt", "modules.json",
                                         "1_Pooling/config.json", "2_Dense/model.safetensors", "model.safetensors",
                                         "model-00001-of-00002.safetensors", "model.safetensors.index.json"};
  EXPECT_EQ(paths(hub::select_files(listing, false, {})), encoder);
  EXPECT_EQ(hub::select_files(listing, true, {}).size(), listing.files.size());
  const auto with_onnx = paths(hub::select_files(listing, false, {"onnx/", "*.bin"}));
  EXPECT_EQ(with_onnx.size(), encoder.size() + 3);
  EXPECT_NE(std::find(with_onnx.begin(), with_onnx.end(), "onnx/model.onnx"), with_onnx.end());
  EXPECT_NE(std::find(with_onnx.begin(), with_onnx.end(), "pytorch_model.bin"), with_onnx.end());
}

TEST(HubDigest, MatchesSha256sumAndGitHashObject) {
  ScratchDir dir;
  std::string content = "hello\n";
  for (int i = 0; i < 5000; ++i) content += char('a' + i % 26);
  const std::string file = dir.write("f.bin", content);
  const auto sha = test::run_shell("sha256sum " + file + " | cut -c1-64");
  ASSERT_EQ(sha.exit_code, 0);
  EXPECT_EQ(hub::file_sha256(file) + "\n", sha.out);
  const auto git = test::run_shell("git hash-object " + file);
  if (git.exit_code != 0) GTEST_SKIP() << "git is not installed";
  EXPECT_EQ(hub::file_git_blob_id(file) + "\n", git.out);
}

}  // namespace
}  // namespace topica
