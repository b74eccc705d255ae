// EmbeddingCache: one SQLite table, (model, key) -> float32 row. WAL lets readers go on while
// one process writes; busy_timeout makes a second writer wait for the first instead of failing.
#include "topica/embedding_cache.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/sha256.hpp"
#include "topica/error.hpp"
#include "topica/hub.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;

constexpr int kBusyTimeoutMs = 60'000;
constexpr std::size_t kStoreChunk = 4096;  // rows stored per transaction

// The row of one text: SHA-256 of the options key and the exact bytes of the text.
std::string text_key(const std::string& model_key, const std::string& text) {
  const auto digest = Sha256().field(model_key).field(text).digest();
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

}  // namespace

struct EmbeddingCache::Db {
  fs::path path;
  sqlite3* handle = nullptr;

  ~Db() { sqlite3_close_v2(handle); }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(fmt::format("{}: embedding cache: {}: {} (--no-cache runs without it)", path.string(), what,
                            handle ? sqlite3_errmsg(handle) : "cannot open"));
  }
  void exec(const char* sql) const {
    if (sqlite3_exec(handle, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
  }
};

// A prepared statement, finalized on every path out.
class Statement {
 public:
  Statement(const EmbeddingCache::Db& db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db.handle, sql, -1, &statement_, nullptr) != SQLITE_OK) db.fail("prepare");
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  void bind(int i, const std::string& bytes, bool blob) {
    const int rc = blob ? sqlite3_bind_blob(statement_, i, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT)
                        : sqlite3_bind_text(statement_, i, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_.fail("bind");
  }
  void bind_blob(int i, const void* data, std::size_t size) {
    if (sqlite3_bind_blob(statement_, i, data, int(size), SQLITE_TRANSIENT) != SQLITE_OK) db_.fail("bind");
  }
  /// true: a row is ready; false: done.
  bool step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) db_.fail("step");
    return false;
  }
  void reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  sqlite3_stmt* get() { return statement_; }

 private:
  const EmbeddingCache::Db& db_;
  sqlite3_stmt* statement_ = nullptr;
};

// `work` between `begin` and COMMIT; a throw rolls back and goes on.
template <typename Work>
void in_transaction(const EmbeddingCache::Db& db, const char* begin, Work&& work) {
  db.exec(begin);
  try {
    work();
  } catch (...) {
    sqlite3_exec(db.handle, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  db.exec("COMMIT");
}

fs::path EmbeddingCache::default_path() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg != '\0') return fs::path(xdg) / "topica" / "embeddings.sqlite";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') throw UsageError("no XDG_CACHE_HOME or HOME for the embedding cache: pass --cache FILE or --no-cache");
  return fs::path(home) / ".cache" / "topica" / "embeddings.sqlite";
}

EmbeddingCache::EmbeddingCache(const fs::path& file) : db_(std::make_unique<Db>()) {
  db_->path = file;
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  if (sqlite3_open_v2(file.c_str(), &db_->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    db_->fail("open");
  }
  sqlite3_busy_timeout(db_->handle, kBusyTimeoutMs);
  db_->exec("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA synchronous=NORMAL");
  db_->exec(
      "CREATE TABLE IF NOT EXISTS topica_embeddings ("
      " model TEXT NOT NULL,"   // model_fingerprint "/" encoder_options_key
      " key BLOB NOT NULL,"     // SHA-256 of the options key and the text
      " dims INTEGER NOT NULL,"
      " vector BLOB NOT NULL,"  // dims little-endian float32 values
      " PRIMARY KEY (model, key)) WITHOUT ROWID");
}

EmbeddingCache::~EmbeddingCache() = default;
EmbeddingCache::EmbeddingCache(EmbeddingCache&&) noexcept = default;
EmbeddingCache& EmbeddingCache::operator=(EmbeddingCache&&) noexcept = default;

const fs::path& EmbeddingCache::path() const { return db_->path; }

std::vector<bool> EmbeddingCache::lookup(const std::string& model_key, std::span<const std::string> texts,
                                         Matrix<float>& out) const {
  std::vector<bool> found(texts.size(), false);
  // One read transaction: a consistent snapshot, and no per-row locking.
  in_transaction(*db_, "BEGIN", [&] {
    Statement select(*db_, "SELECT dims, vector FROM topica_embeddings WHERE model = ?1 AND key = ?2");
    for (std::size_t i = 0; i < texts.size(); ++i) {
      select.bind(1, model_key, false);
      select.bind(2, text_key(model_key, texts[i]), true);
      if (select.step()) {
        const auto dims = static_cast<std::size_t>(sqlite3_column_int64(select.get(), 0));
        const void* blob = sqlite3_column_blob(select.get(), 1);
        const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(select.get(), 1));
        if (dims == out.cols && bytes == dims * sizeof(float) && blob != nullptr) {
          std::memcpy(out.row(i), blob, bytes);
          found[i] = true;
        }
      }
      select.reset();
    }
  });
  return found;
}

void EmbeddingCache::store(const std::string& model_key, std::span<const std::string> texts, const Matrix<float>& rows) {
  if (rows.rows != texts.size()) throw Error("embedding cache: store needs one row per text");
  // IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of
  // one failing with SQLITE_BUSY when it upgrades a read lock.
  in_transaction(*db_, "BEGIN IMMEDIATE", [&] {
    Statement insert(*db_, "INSERT OR REPLACE INTO topica_embeddings (model, key, dims, vector) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < texts.size(); ++i) {
      insert.bind(1, model_key, false);
      insert.bind(2, text_key(model_key, texts[i]), true);
      if (sqlite3_bind_int64(insert.get(), 3, static_cast<sqlite3_int64>(rows.cols)) != SQLITE_OK) db_->fail("bind");
      insert.bind_blob(4, rows.row(i), rows.cols * sizeof(float));
      insert.step();
      insert.reset();
    }
  });
}

CachedEncoder CachedEncoder::load(const fs::path& folder_or_id, const EncoderOptions& options) {
  const fs::path folder = hub::resolve_model_folder(folder_or_id);  // fingerprint the files, not the id
  SentenceEncoder encoder = SentenceEncoder::load(folder, options);
  std::string fingerprint = model_fingerprint(folder);
  std::string key = fingerprint + "/" + encoder_options_key(encoder);
  return CachedEncoder{std::move(encoder), std::move(fingerprint), std::move(key)};
}

Matrix<float> encode_cached(const CachedEncoder& cached, EmbeddingCache* cache, std::span<const std::string> texts,
                            std::size_t batch_size, std::size_t threads, CacheCounts* counts,
                            const EncodeProgress& progress) {
  const SentenceEncoder& encoder = cached.encoder;
  if (cache == nullptr) {
    if (counts != nullptr) counts->misses += texts.size();
    return encoder.encode(texts, batch_size, threads, progress);
  }
  Matrix<float> out(texts.size(), encoder.dimensions());
  const std::vector<bool> found = cache->lookup(cached.model_key, texts, out);
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (!found[i]) missing.push_back(i);
  }
  if (counts != nullptr) {
    counts->hits += texts.size() - missing.size();
    counts->misses += missing.size();
  }
  if (missing.empty()) return out;
  // The misses in one call, so a run that is all misses forms the batches encoder.encode(texts)
  // would and gives its exact bytes; then stored a chunk per transaction, so the WAL stays small.
  std::vector<std::string> missing_texts;
  for (std::size_t i : missing) missing_texts.push_back(texts[i]);
  const Matrix<float> rows = encoder.encode(missing_texts, batch_size, threads, progress);
  for (std::size_t j = 0; j < missing.size(); ++j) std::memcpy(out.row(missing[j]), rows.row(j), out.cols * sizeof(float));
  for (std::size_t begin = 0; begin < missing.size(); begin += kStoreChunk) {
    const std::size_t end = std::min(missing.size(), begin + kStoreChunk);
    Matrix<float> chunk(end - begin, rows.cols);
    std::copy(rows.row(begin), rows.row(begin) + chunk.values.size(), chunk.values.begin());
    cache->store(cached.model_key, std::span<const std::string>(missing_texts).subspan(begin, end - begin), chunk);
  }
  return out;
}

}  // namespace topica
