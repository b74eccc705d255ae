// `topica model pull` as a user runs it, against a hub stand-in on 127.0.0.1 (hub_server.hpp)
// serving the committed bert_mean fixture: the cache it writes is huggingface_hub's layout, embed
// finds the id there, an interrupted download resumes with a Range request, a corrupted file never
// reaches blobs/ or the snapshot, and the token goes to the endpoint only.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "hub/hub_server.hpp"
#include "hub/scoped_env.hpp"
#include "support/test_support.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;
using test::HubServer;
using test::run_cli;
using test::ScopedEnv;
using test::ScratchDir;

const std::string kRepo = "topica-tests/bert-mean";

fs::path fixture() { return fs::path(TOPICA_SOURCE_DIR) / "tests/fixtures/encoder/bert_mean"; }

fs::path repo_folder(const ScratchDir& home) { return home.path() / "hub" / "models--topica-tests--bert-mean"; }
fs::path snapshot(const ScratchDir& home) { return repo_folder(home) / "snapshots" / HubServer::kCommit; }

// HF_HOME in a scratch folder, the server as endpoint, nothing else from the caller's environment.
void use_hub(ScopedEnv& env, const ScratchDir& home, const HubServer& server) {
  env.clear_hub().set("HF_HOME", home.path().string()).set("HF_ENDPOINT", server.endpoint() + "/");
}

std::size_t lines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

TEST(ModelPullCli, WritesHuggingFaceHubsCacheAndEmbedFindsTheId) {
  HubServer server(kRepo, fixture());
  ScratchDir home, work;
  ScopedEnv env;
  use_hub(env, home, server);
  env.set("HF_TOKEN", "hf_test_token");
  const auto pulled = run_cli({"model", "pull", kRepo});
  ASSERT_EQ(pulled.exit_code, 0) << pulled.err;
  EXPECT_EQ(pulled.out, snapshot(home).string() + "\n");
  for (const auto& request : server.log()) EXPECT_EQ(request.authorization, "Bearer hf_test_token") << request.path;

  // refs/main names the commit; snapshot files are relative links to blobs named by their hashes.
  EXPECT_EQ(test::read_file((repo_folder(home) / "refs" / "main").string()), HubServer::kCommit);
  EXPECT_EQ(fs::read_symlink(snapshot(home) / "model.safetensors"),
            fs::path("../../blobs/" + server.digest("model.safetensors")));
  EXPECT_EQ(fs::read_symlink(snapshot(home) / "1_Pooling" / "config.json"),
            fs::path("../../../blobs/" + server.digest("1_Pooling/config.json")));
  const auto sha = test::run_shell("sha256sum " + (snapshot(home) / "model.safetensors").string() + " | cut -c1-64");
  EXPECT_EQ(sha.out, server.digest("model.safetensors") + "\n");
  for (const char* file : {"config.json", "vocab.txt", "modules.json", "sentence_bert_config.json", "tokenizer_config.json"}) {
    EXPECT_EQ(test::read_file((snapshot(home) / file).string()), test::read_file((fixture() / file).string())) << file;
  }
  EXPECT_FALSE(fs::exists(snapshot(home) / "expected_pooled.npy"));  // not an encoder file

  // The id embeds exactly as the folder does.
  const std::string docs = work.write("docs.txt", "a first sentence\nand a second, longer one\n");
  const auto by_id = run_cli({"embed", "--no-cache", "--model", kRepo, "--corpus", docs, "--output", work.file("id.npy")});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
  const auto by_folder = run_cli({"embed", "--no-cache", "--model", fixture().string(), "--corpus", docs, "--output", work.file("dir.npy")});
  ASSERT_EQ(by_folder.exit_code, 0) << by_folder.err;
  EXPECT_EQ(test::read_file(work.file("id.npy")), test::read_file(work.file("dir.npy")));

  // A second pull finds every blob in the cache and downloads nothing.
  const std::size_t requests = server.log().size();
  const auto again = run_cli({"model", "pull", kRepo, "--include", "*.npy"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(server.file_requests("model.safetensors").size(), 1u);
  EXPECT_EQ(server.log().size(), requests + 1 + 4);  // the listing and the four expected_*.npy
  EXPECT_TRUE(fs::exists(snapshot(home) / "expected_pooled.npy"));
}

TEST(ModelPullCli, AnInterruptedDownloadResumesWithARangeRequest) {
  HubServer server(kRepo, fixture());
  ScratchDir home;
  ScopedEnv env;
  use_hub(env, home, server);
  server.drop_halfway_once("model.safetensors");
  const auto first = run_cli({"model", "pull", kRepo});
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_EQ(lines(first.err), 1u) << first.err;
  EXPECT_NE(first.err.find("model.safetensors: download stopped at"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("run the same command again to resume"), std::string::npos) << first.err;
  const std::string blob = server.digest("model.safetensors");
  const auto half = fs::file_size(fixture() / "model.safetensors") / 2;
  EXPECT_EQ(fs::file_size(repo_folder(home) / "blobs" / (blob + ".incomplete")), half);
  EXPECT_FALSE(fs::exists(repo_folder(home) / "blobs" / blob));
  EXPECT_FALSE(fs::exists(fs::symlink_status(snapshot(home) / "model.safetensors")));
  EXPECT_FALSE(fs::exists(repo_folder(home) / "refs" / "main"));  // the id does not resolve to a partial snapshot

  const auto second = run_cli({"model", "pull", kRepo});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto requests = server.file_requests("model.safetensors");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].range, "");
  EXPECT_EQ(requests[1].range, "bytes=" + std::to_string(half) + "-");
  EXPECT_EQ(test::read_file((snapshot(home) / "model.safetensors").string()),
            test::read_file((fixture() / "model.safetensors").string()));
  EXPECT_FALSE(fs::exists(repo_folder(home) / "blobs" / (blob + ".incomplete")));
}

TEST(ModelPullCli, ACorruptedFileIsRejectedAndNeverCached) {
  for (const std::string file : {"model.safetensors", "config.json"}) {  // sha256 (LFS), git blob id
    HubServer server(kRepo, fixture());
    ScratchDir home;
    ScopedEnv env;
    use_hub(env, home, server);
    server.corrupt(file);
    const auto r = run_cli({"model", "pull", kRepo});
    EXPECT_EQ(r.exit_code, 1) << file;
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find(file + ": " + (file == "config.json" ? "git blob id" : "sha256") + " mismatch"),
              std::string::npos) << r.err;
    for (const auto& entry : fs::directory_iterator(repo_folder(home) / "blobs")) {
      EXPECT_EQ(entry.path().filename().string().find(server.digest(file)), std::string::npos) << entry.path();
    }
    EXPECT_FALSE(fs::exists(fs::symlink_status(snapshot(home) / file))) << file;
    EXPECT_FALSE(fs::exists(repo_folder(home) / "refs" / "main"));
  }
}

TEST(ModelPullCli, TheTokenGoesToTheEndpointAndNeverToTheCdn) {
  HubServer hub(kRepo, fixture()), cdn(kRepo, fixture());
  ScratchDir home;
  ScopedEnv env;
  use_hub(env, home, hub);
  home.write("token", "hf_secret\n");  // what `huggingface-cli login` leaves in $HF_HOME, read when HF_TOKEN is unset
  hub.redirect_lfs_to(cdn.endpoint());
  const auto r = run_cli({"model", "pull", kRepo});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(cdn.file_requests("model.safetensors").size(), 1u);
  for (const auto& request : cdn.log()) EXPECT_EQ(request.authorization, "") << request.path;
  for (const auto& request : hub.log()) EXPECT_EQ(request.authorization, "Bearer hf_secret") << request.path;
  EXPECT_EQ(test::read_file((snapshot(home) / "model.safetensors").string()),
            test::read_file((fixture() / "model.safetensors").string()));
}

TEST(ModelPullCli, ACommitHashRevisionNeedsNoRef) {
  HubServer server(kRepo, fixture());
  ScratchDir home;
  ScopedEnv env;
  use_hub(env, home, server);
  const auto r = run_cli({"model", "pull", kRepo, "--revision", HubServer::kCommit});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server.log().front().path, "/api/models/" + kRepo + "/revision/" + HubServer::kCommit);
  EXPECT_TRUE(fs::exists(snapshot(home) / "model.safetensors"));
  EXPECT_FALSE(fs::exists(repo_folder(home) / "refs"));
}

TEST(ModelPullCli, AnIdAtARevisionPullsAndEmbedsThatRevision) {
  HubServer server(kRepo, fixture());
  ScratchDir home, work;
  ScopedEnv env;
  use_hub(env, home, server);
  const std::string pinned = kRepo + "@" + HubServer::kCommit;
  const auto r = run_cli({"model", "pull", pinned});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server.log().front().path, "/api/models/" + kRepo + "/revision/" + HubServer::kCommit);
  EXPECT_EQ(r.out, snapshot(home).string() + "\n");
  const auto disagree = run_cli({"model", "pull", pinned, "--revision", "v1"});
  EXPECT_EQ(disagree.exit_code, 2) << disagree.err;

  // refs/main was never written: only the pinned form finds the snapshot.
  const std::string docs = work.write("docs.txt", "a first sentence\n");
  const auto by_pin = run_cli({"embed", "--no-cache", "--model", pinned, "--corpus", docs, "--output", work.file("pin.npy")});
  ASSERT_EQ(by_pin.exit_code, 0) << by_pin.err;
  const auto by_folder = run_cli({"embed", "--no-cache", "--model", fixture().string(), "--corpus", docs, "--output", work.file("dir.npy")});
  ASSERT_EQ(by_folder.exit_code, 0) << by_folder.err;
  EXPECT_EQ(test::read_file(work.file("pin.npy")), test::read_file(work.file("dir.npy")));
  const auto unpinned = run_cli({"embed", "--no-cache", "--model", kRepo, "--corpus", docs, "--output", work.file("main.npy")});
  EXPECT_EQ(unpinned.exit_code, 1);
  EXPECT_NE(unpinned.err.find("refs/main"), std::string::npos) << unpinned.err;
}

TEST(ModelPullCli, OneLineErrorsForOfflineUnknownIdsAndMisses) {
  HubServer server(kRepo, fixture());
  ScratchDir home, work;
  ScopedEnv env;
  use_hub(env, home, server);
  const auto unknown = run_cli({"model", "pull", "topica-tests/no-such-model"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(lines(unknown.err), 1u) << unknown.err;
  EXPECT_NE(unknown.err.find("not found"), std::string::npos) << unknown.err;
  const auto revision = run_cli({"model", "pull", kRepo, "--revision", "v9"});
  EXPECT_NE(revision.err.find("no such revision"), std::string::npos) << revision.err;
  const auto bad_id = run_cli({"model", "pull", "../etc"});
  EXPECT_EQ(bad_id.exit_code, 2) << bad_id.err;

  const std::size_t requests = server.log().size();
  env.set("HF_HUB_OFFLINE", "1");
  const auto offline = run_cli({"model", "pull", kRepo});
  EXPECT_EQ(offline.exit_code, 1);
  EXPECT_NE(offline.err.find("HF_HUB_OFFLINE"), std::string::npos) << offline.err;
  EXPECT_EQ(server.log().size(), requests);

  const std::string docs = work.write("docs.txt", "text\n");
  const auto miss = run_cli({"embed", "--no-cache", "--model", kRepo, "--corpus", docs, "--output", work.file("e.npy")});
  EXPECT_EQ(miss.exit_code, 1);
  EXPECT_EQ(lines(miss.err), 1u) << miss.err;
  EXPECT_NE(miss.err.find("topica model pull " + kRepo), std::string::npos) << miss.err;
  EXPECT_FALSE(fs::exists(work.file("e.npy")));
}

}  // namespace
}  // namespace topica
