// The embedding cache: SHA-256 against the FIPS 180-2 example, model fingerprints, exact bytes
// back from the SQLite file, hits and misses of encode_cached, and two writers at once.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>
#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/sha256.hpp"
#include "support/test_support.hpp"
#include "topica/embedding_cache.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;

std::string fixture(const std::string& name) { return std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/encoder/" + name; }

std::vector<std::string> sentences() {
  std::ifstream in(fixture("sentences.json"));
  return nlohmann::json::parse(in).get<std::vector<std::string>>();
}

bool same_bytes(const Matrix<float>& a, const Matrix<float>& b) {
  return a.rows == b.rows && a.cols == b.cols &&
         std::memcmp(a.values.data(), b.values.data(), a.values.size() * sizeof(float)) == 0;
}

TEST(Sha256, MatchesTheStandardsExamples) {
  // FIPS 180-2, appendix B.1 and B.2.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256().update("ab").update("c").hex(), sha256_hex("abc"));
  EXPECT_NE(Sha256().field("ab").field("c").hex(), Sha256().field("a").field("bc").hex());
}

TEST(ModelFingerprint, NamesTheModelNotTheFolder) {
  ScratchDir dir;
  const std::string original = model_fingerprint(fixture("bert_mean"));
  EXPECT_EQ(original.size(), 64u);
  EXPECT_NE(original, model_fingerprint(fixture("bert_f16")));  // other weights' dtype: another header
  const fs::path copy = dir.path() / "copy";
  fs::copy(fixture("bert_mean"), copy, fs::copy_options::recursive);
  EXPECT_EQ(model_fingerprint(copy), original);
  // A changed tokenizer setting or pooling changes the model.
  {
    std::ofstream(copy / "tokenizer_config.json", std::ios::app) << " ";
  }
  EXPECT_NE(model_fingerprint(copy), original);
  EXPECT_THROW(model_fingerprint(dir.path() / "missing"), Error);
}

TEST(EmbeddingCache, GivesBackTheStoredBytes) {
  ScratchDir dir;
  const std::string file = dir.file("sub/cache.sqlite");
  std::vector<std::string> texts{"a", "b", "", "a longer text"};
  Matrix<float> rows(texts.size(), 3);
  for (std::size_t i = 0; i < rows.values.size(); ++i) rows.values[i] = 0.1f * float(i) - 0.7f;
  rows.values[5] = -0.0f;  // bytes, not values: the sign of zero survives
  {
    EmbeddingCache cache(file);
    cache.store("model/x", texts, rows);
  }
  EmbeddingCache cache(file);  // reopened: the rows are in the file
  Matrix<float> out(texts.size(), 3);
  EXPECT_EQ(cache.lookup("model/x", texts, out), std::vector<bool>(4, true));
  EXPECT_TRUE(same_bytes(out, rows));
  Matrix<float> other(texts.size(), 3);
  EXPECT_EQ(cache.lookup("model/y", texts, other), std::vector<bool>(4, false));
  Matrix<float> wider(texts.size(), 4);
  EXPECT_EQ(cache.lookup("model/x", texts, wider), std::vector<bool>(4, false));
  const std::vector<std::string> mixed{"b", "c"};
  Matrix<float> some(2, 3);
  EXPECT_EQ(cache.lookup("model/x", mixed, some), (std::vector<bool>{true, false}));
}

TEST(EmbeddingCache, RefusesAFileThatIsNotADatabase) {
  ScratchDir dir;
  const std::string file = dir.write("not.sqlite", std::string(4096, 'x'));
  try {
    EmbeddingCache cache(file);
    FAIL() << "opened";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
}

bool near(const Matrix<float>& a, const Matrix<float>& b, float tolerance) {
  if (a.rows != b.rows || a.cols != b.cols) return false;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    if (std::abs(a.values[i] - b.values[i]) > tolerance) return false;
  }
  return true;
}

TEST(EncodeCached, HitsAreTheStoredBytesAndOptionsAreInTheKey) {
  ScratchDir dir;
  const std::vector<std::string> texts = sentences();
  const CachedEncoder encoder = CachedEncoder::load(fixture("bert_mean"), {});
  const Matrix<float> direct = encoder.encoder.encode(texts, 4, 1);
  {
    // All misses, then all hits: both the encoder's own bytes.
    EmbeddingCache cache(dir.file("full.sqlite"));
    CacheCounts first, second;
    EXPECT_TRUE(same_bytes(encode_cached(encoder, &cache, texts, 4, 1, &first), direct));
    EXPECT_EQ(first.misses, texts.size());
    EXPECT_TRUE(same_bytes(encode_cached(encoder, &cache, texts, 4, 2, &second), direct));
    EXPECT_EQ(second.hits, texts.size());
    EXPECT_EQ(second.misses, 0u);
  }
  EmbeddingCache cache(dir.file("cache.sqlite"));
  // Half the texts first: the rest are then misses among hits. The misses run in other batches
  // than in `direct`, and the encoder's GEMM blocks follow the batch, so they agree to float
  // rounding (the encoder's own batch tolerance), not bit for bit.
  const std::vector<std::string> half(texts.begin(), texts.begin() + 7);
  CacheCounts first;
  encode_cached(encoder, &cache, half, 4, 1, &first);
  EXPECT_EQ(first.hits, 0u);
  EXPECT_EQ(first.misses, half.size());
  CacheCounts second;
  const Matrix<float> mixed = encode_cached(encoder, &cache, texts, 4, 2, &second);
  EXPECT_TRUE(near(mixed, direct, 1e-6f));
  EXPECT_EQ(second.hits, half.size());
  EXPECT_EQ(second.misses, texts.size() - half.size());
  CacheCounts third;
  EXPECT_TRUE(same_bytes(encode_cached(encoder, &cache, texts, 4, 1, &third), mixed));
  EXPECT_EQ(third.hits, texts.size());
  EXPECT_EQ(third.misses, 0u);

  EncoderOptions shorter;
  shorter.max_length = 8;
  const CachedEncoder short_encoder = CachedEncoder::load(fixture("bert_mean"), shorter);
  EXPECT_NE(short_encoder.model_key, encoder.model_key);
  CacheCounts fourth;
  EXPECT_TRUE(same_bytes(encode_cached(short_encoder, &cache, texts, 4, 1, &fourth),
                         short_encoder.encoder.encode(texts, 4, 1)));
  EXPECT_EQ(fourth.misses, texts.size());
}

TEST(EmbeddingCache, TwoWritersAtOnceBothLand) {
  ScratchDir dir;
  const std::string file = dir.file("cache.sqlite");
  { EmbeddingCache create(file); }  // created before the writers race to create it
  const std::size_t n = test::kSanitized ? 200 : 2000;
  std::string errors;
  std::mutex errors_mutex;
  auto writer = [&](const std::string& prefix) {
    try {
      EmbeddingCache cache(file);  // its own connection, as another process would have
      for (std::size_t chunk = 0; chunk < 10; ++chunk) {
        std::vector<std::string> texts;
        for (std::size_t i = 0; i < n / 10; ++i) texts.push_back(prefix + std::to_string(chunk * n + i));
        Matrix<float> rows(texts.size(), 8);
        for (std::size_t i = 0; i < rows.values.size(); ++i) rows.values[i] = float(i);
        cache.store("m", texts, rows);
      }
    } catch (const std::exception& e) {
      std::lock_guard lock(errors_mutex);
      errors += e.what();
    }
  };
  std::thread a(writer, "a"), b(writer, "b");
  a.join();
  b.join();
  EXPECT_EQ(errors, "");
  EmbeddingCache cache(file);
  for (const std::string prefix : {"a", "b"}) {
    std::vector<std::string> texts;
    for (std::size_t chunk = 0; chunk < 10; ++chunk) {
      for (std::size_t i = 0; i < n / 10; ++i) texts.push_back(prefix + std::to_string(chunk * n + i));
    }
    Matrix<float> out(texts.size(), 8);
    const std::vector<bool> found = cache.lookup("m", texts, out);
    EXPECT_EQ(std::count(found.begin(), found.end(), true), static_cast<long>(texts.size())) << prefix;
  }
}

}  // namespace
}  // namespace topica
