// topica fit --corpus FILE --out DIR: topics of a corpus, BERTopic's fit_transform. Embeddings
// come from --embeddings E.npy, a sentence encoder (--model DIR, through the embedding cache) or
// the built-in LSA embedder; --labels skips UMAP and HDBSCAN
// (BERTopic's manual topic modeling); --seed-topics guides the clustering and --zero-shot names
// topics up front (topica/guided_topics.hpp). Prints the topic table and saves the model folder.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "cli/cache_options.hpp"
#include "cli/documents.hpp"
#include "cli/fit_guidance.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/topic_table.hpp"
#include "cli/verbs.hpp"
#include "topica/embedder.hpp"
#include "topica/embedding_cache.hpp"
#include "topica/error.hpp"
#include "topica/guided_topics.hpp"
#include "topica/saved_model.hpp"
#include "topica/synonym_groups.hpp"
#include "topica/npy.hpp"
#include "topica/topic_pipeline.hpp"
#include "topica/topic_reduction.hpp"

namespace topica::cli {
namespace {

struct FitArgs {
  CorpusOptions corpus;
  std::string embeddings, labels, out;
  GuidanceArgs guidance;  // --seed-topics, --zero-shot
  std::string model;            // --model: a sentence encoder folder
  std::size_t max_length = 0;   // 0: the model folder's
  bool normalize = false;
  std::size_t batch_size = 32;
  CacheArgs cache;
  std::string nr_topics;  ///< empty: keep the topics HDBSCAN found
  PipelineOptions pipeline;
  std::string ngram_range = "1,1", min_df = "1", max_df = "1.0", stop_words = "none";
  std::string language = "auto", user_dict, stop_words_file;  // the analyzer (issue 7)
  std::string synonyms;  // GROUPS: members count as their concept (issue 10)
  std::size_t min_topic_size = 10, min_samples = 0;
  std::string selection = "eom", metric = "cosine";
  std::uint64_t seed = 42;
};

// --labels: a CSV with columns row,label or a text file with one integer per line (-1 = outlier).
std::vector<int> read_labels(const std::string& path, std::size_t documents) {
  std::ifstream in(path);
  if (!in) throw Error(fmt::format("{}: cannot open", path));
  std::vector<int> labels(documents, 0);
  std::vector<bool> seen(documents, false);
  std::string line;
  std::size_t number = 0, next_row = 0;
  bool csv = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.find(',') != std::string::npos) {
      if (line != "row,label") throw InputError(fmt::format("{}: line 1: expected the header row,label", path));
      csv = true;
      continue;
    }
    if (line.empty()) continue;
    std::size_t row = next_row++;
    std::string value = line;
    try {
      if (csv) {
        const auto comma = line.find(',');
        if (comma == std::string::npos) throw std::invalid_argument("no comma");
        row = std::stoul(line.substr(0, comma));
        value = line.substr(comma + 1);
      }
      std::size_t used = 0;
      const int label = std::stoi(value, &used);
      if (used != value.size() || label < -1) throw std::invalid_argument("bad label");
      if (row >= documents) throw InputError(fmt::format("{}: line {}: row {} but the corpus has {} documents", path, number, row, documents));
      labels[row] = label;
      seen[row] = true;
    } catch (const std::logic_error&) {
      throw InputError(fmt::format("{}: line {}: expected {}", path, number, csv ? "row,label with integers" : "an integer label (-1 = outlier)"));
    }
  }
  for (std::size_t r = 0; r < documents; ++r) {
    if (!seen[r]) throw InputError(fmt::format("{}: no label for row {} (the corpus has {} documents)", path, r, documents));
  }
  return labels;
}

VectorizerOptions vectorizer_options(const FitArgs& a) {
  VectorizerOptions v;
  const auto comma = a.ngram_range.find(',');
  try {
    if (comma == std::string::npos) throw std::invalid_argument("");
    v.ngram_min = std::stoul(a.ngram_range.substr(0, comma));
    v.ngram_max = std::stoul(a.ngram_range.substr(comma + 1));
  } catch (const std::logic_error&) {
    throw UsageError(fmt::format("--ngram-range '{}': expected MIN,MAX such as 1,2", a.ngram_range));
  }
  v.min_df = DocumentFrequency::parse(a.min_df);
  v.max_df = DocumentFrequency::parse(a.max_df);
  if (a.stop_words == "english") v.stop_words = english_stop_words();
  if (a.stop_words == "korean") v.stop_words = korean_stop_words();
  if (!a.stop_words_file.empty()) {
    for (std::string& w : read_word_list(a.stop_words_file)) v.stop_words.insert(std::move(w));
  }
  return v;
}

// fit --model: the corpus through the sentence encoder and the cache; the saved model keeps the
// encoder's folder and options so find and transform embed new text the same way.
// `guide_texts` (seed topics or zero-shot names) are embedded by the same encoder into `guides`.
Matrix<float> embed_with_encoder(const FitArgs& a, const std::vector<std::string>& docs, SavedModel& saved,
                                 const std::vector<std::string>& guide_texts, Matrix<float>& guides,
                                 ProgressReporter& progress) {
  EncoderOptions options;
  if (a.max_length > 0) options.max_length = a.max_length;
  options.normalize = a.normalize;
  const CachedEncoder cached = CachedEncoder::load(a.model, options);
  std::optional<EmbeddingCache> cache = open_cache(a.cache);
  CacheCounts counts;
  Matrix<float> embeddings = encode_cached(cached, cache ? &*cache : nullptr, docs, a.batch_size, a.pipeline.threads, &counts,
                                           [&](std::size_t done, std::size_t total) { progress.advance(done, total, "docs"); });
  const SentenceEncoder& e = cached.encoder;
  if (!guide_texts.empty()) guides = e.encode(guide_texts);
  options.max_length = e.max_length();
  saved.encoder = EncoderReference{std::filesystem::absolute(a.model).lexically_normal().string(), cached.fingerprint, options};
  saved.provenance.embedder = fmt::format("sentence-encoder: {} ({}, {} layers, max length {}{})", saved.encoder->folder,
                                          e.config().model_type, e.config().num_hidden_layers, e.max_length(),
                                          e.normalizes() ? ", normalized" : "");
  fmt::print(stderr, "topica: {} documents embedded, {}\n", docs.size(), cache_summary(counts, cache));
  return embeddings;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void run_fit(FitArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  PipelineOptions& p = a.pipeline;
  p.topics.vectorizer = vectorizer_options(a);
  p.topics.seed = a.seed;
  p.topics.threads = p.threads;
  p.umap.seed = a.seed;
  p.umap.metric = a.metric == "euclidean" ? Metric::Euclidean : Metric::Cosine;
  p.hdbscan.min_cluster_size = a.min_topic_size;
  p.hdbscan.min_samples = a.min_samples;
  p.hdbscan.selection = a.selection == "leaf" ? ClusterSelection::Leaf : ClusterSelection::Eom;
  ProgressReporter progress("topica fit", ProgressReporter::Log::Stages);
  p.progress = [&](std::string_view stage) { progress.stage(stage); };
  p.umap.progress = umap_progress(progress);

  std::vector<std::string> docs = read_documents(a.corpus);
  // Check the cheap inputs before the expensive embedding.
  const std::vector<int> labels = a.labels.empty() ? std::vector<int>() : read_labels(a.labels, docs.size());
  const Guidance guidance = read_guidance(a.guidance, !a.labels.empty(), !a.embeddings.empty());
  const auto& seed_topics = guidance.seed_topics;
  const auto& zero_shot_names = guidance.zero_shot_names;
  const std::vector<std::string> guide_texts = guidance.texts();
  Matrix<float> guides;  // seed topic or zero-shot name embeddings
  const std::optional<NrTopics> nr_topics = a.nr_topics.empty() ? std::nullopt : std::optional(NrTopics::parse(a.nr_topics));
  std::vector<std::string> user_words = a.user_dict.empty() ? std::vector<std::string>() : read_word_list(a.user_dict);
  const std::vector<SynonymGroup> synonyms = a.synonyms.empty() ? std::vector<SynonymGroup>() : read_synonym_groups(a.synonyms);
  // Korean: members and concepts stay whole words (대일밴드를 -> 대일밴드), so they can be mapped.
  for (const SynonymGroup& g : synonyms) {
    user_words.push_back(g.name);
    user_words.insert(user_words.end(), g.words.begin(), g.words.end());
  }
  p.topics.vectorizer.analyzer = choose_analyzer(a.language, docs, std::move(user_words));
  p.topics.vectorizer.analyzer.concepts = concept_of_words(synonyms);
  fmt::print(stderr, "topica: analyzer: {}\n", p.topics.vectorizer.analyzer.language);
  SavedModel saved;
  ModelProvenance& provenance = saved.provenance;
  Matrix<float> embeddings;
  if (!a.embeddings.empty()) {
    embeddings = read_npy_matrix(a.embeddings);
    if (embeddings.rows != docs.size()) {
      throw UsageError(fmt::format("{}: {} rows but the corpus has {} documents", a.embeddings, embeddings.rows, docs.size()));
    }
    provenance.embedder = "precomputed: " + a.embeddings;
  } else if (!a.model.empty()) {
    p.progress("embedding (sentence encoder)");
    embeddings = embed_with_encoder(a, docs, saved, guide_texts, guides, progress);
  } else {
    LsaOptions lsa;
    lsa.threads = p.threads;
    // English stop words keep LSA dimensions for content words; other scripts have none.
    if (a.stop_words == "english") lsa.tfidf.vectorizer.stop_words = english_stop_words();
    if (a.stop_words == "korean") lsa.tfidf.vectorizer.stop_words = korean_stop_words();
    lsa.tfidf.vectorizer.analyzer = p.topics.vectorizer.analyzer;
    saved.embedder.emplace(lsa);
    p.progress("embedding (built-in LSA)");
    embeddings = saved.embedder->fit_embed(docs);
    if (!guide_texts.empty()) guides = saved.embedder->embed(guide_texts);
    provenance.embedder = saved.embedder->name();
  }
  fmt::print(stderr, "topica: {} documents, embedder: {}\n", docs.size(), provenance.embedder);

  nlohmann::ordered_json settings;
  if (!a.labels.empty()) {
    p.progress("topics from --labels");
    saved.model = build_topics(docs, labels, embeddings, p.topics);
    saved.embeddings = std::move(embeddings);
    settings["labels"] = a.labels;
  } else if (!zero_shot_names.empty()) {
    ZeroShotTopics fitted = fit_zero_shot_topics(docs, embeddings, zero_shot_names, guides, a.guidance.zero_shot_min_similarity, p);
    fmt::print(stderr, "topica: {} zero-shot topics took {} documents\n", fitted.zero_shot_topics,
               std::count_if(fitted.model.assignments.begin(), fitted.model.assignments.end(), [&](int t) {
                 return t >= 0 && static_cast<std::size_t>(t) < fitted.zero_shot_topics;
               }));
    saved.model = std::move(fitted.model);
    saved.transform = std::move(fitted.transform);
    if (!saved.transform) saved.embeddings = std::move(embeddings);  // placed by topic embeddings, as manual topics
    settings["zero_shot"] = {{"names", zero_shot_names}, {"min_similarity", a.guidance.zero_shot_min_similarity}};
  } else {
    FittedTopics fitted = seed_topics.empty() ? fit_topics(docs, embeddings, p)
                                              : fit_guided_topics(docs, embeddings, seed_topics, guides, p);
    for (const std::string& w : fitted.transform.umap.warnings) fmt::print(stderr, "topica: warning: {}\n", w);
    saved.model = std::move(fitted.model);
    saved.transform = std::move(fitted.transform);
    if (!seed_topics.empty()) settings["seed_topics"] = seed_topics;
  }
  if (a.labels.empty()) {
    settings["umap"] = {{"n_neighbors", p.umap.n_neighbors}, {"n_components", p.umap.n_components},
                        {"min_dist", p.umap.min_dist}, {"metric", metric_name(p.umap.metric)}, {"seed", p.umap.seed}};
    settings["hdbscan"] = {{"min_cluster_size", p.hdbscan.min_cluster_size}, {"min_samples", p.hdbscan.min_samples},
                           {"selection", cluster_selection_name(p.hdbscan.selection)}};
  }
  provenance.settings_json = settings.dump();
  saved.documents = std::move(docs);
  if (nr_topics) {  // BERTopic's nr_topics: reduced right after fitting
    p.progress("reducing topics");
    const ReductionSummary reduced = reduce_topics(saved, *nr_topics);
    fmt::print(stderr, "topica: --nr-topics {}: {} topics, {} before\n", a.nr_topics, reduced.after, reduced.before);
  }
  p.progress("saving");
  save_model(saved, a.out);
  const TopicModel& model = saved.model;
  fmt::print("{}", topic_table(model));
  fmt::print(stderr, "topica: {} topics ({} outliers) saved to {} in {:.1f} s\n",
             model.topics.size() - (model.index_of(-1) ? 1 : 0),
             model.index_of(-1) ? model.topics[*model.index_of(-1)].size : 0, a.out, seconds_since(start));
}

}  // namespace

void add_fit(CLI::App& app) {
  auto a = std::make_shared<FitArgs>();
  auto* verb = app.add_subcommand("fit", "Fit topics to a corpus (BERTopic's fit_transform) and save the model");
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  auto* embeddings = verb->add_option("--embeddings", a->embeddings,
                                      "Document embeddings (.npy, one row per document); default: built-in LSA")
                          ->type_name("FILE");
  verb->add_option("--model", a->model,
                   "Embed with this sentence encoder folder or hub id (as topica embed; find and transform then embed text "
                   "the same way)")
      ->type_name("DIR")
      ->excludes(embeddings);
  verb->add_option("--max-length", a->max_length, "With --model: tokens per document (0: the model folder's)")->capture_default_str();
  verb->add_flag("--normalize", a->normalize, "With --model: L2-normalise every embedding");
  verb->add_option("--batch-size", a->batch_size, "With --model: documents per forward pass")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  add_cache_options(*verb, a->cache);
  verb->add_option("--labels", a->labels, "Topic per document (CSV row,label or one integer per line; -1 = outlier): skip UMAP and HDBSCAN")
      ->type_name("FILE");
  add_guidance_options(*verb, a->guidance);
  verb->add_option("--out", a->out, "Model folder to write")->required()->type_name("DIR");
  verb->add_option("--min-topic-size", a->min_topic_size, "Smallest topic (HDBSCAN min_cluster_size)")->capture_default_str();
  verb->add_option("--min-samples", a->min_samples, "HDBSCAN min_samples (0: the minimum topic size)")->capture_default_str();
  verb->add_option("--selection", a->selection, "HDBSCAN cluster selection")->check(CLI::IsMember({"eom", "leaf"}))->capture_default_str();
  verb->add_option("--top-n-words", a->pipeline.topics.top_n_words, "Words per topic")->capture_default_str();
  verb->add_option("--ngram-range", a->ngram_range, "N-gram lengths MIN,MAX")->capture_default_str();
  verb->add_option("--min-df", a->min_df, "Minimum topics a term appears in (integer) or share of topics (0.x)")->capture_default_str();
  verb->add_option("--max-df", a->max_df, "Maximum topics (integer) or share (0.x) a term may appear in")->capture_default_str();
  verb->add_option("--stop-words", a->stop_words, "Stop words removed from topic words")->check(CLI::IsMember({"english", "korean", "none"}))->capture_default_str();
  verb->add_option("--stop-words-file", a->stop_words_file, "More stop words, one per line (# comments)")->type_name("FILE");
  verb->add_option("--language", a->language, "Word analyzer: auto (by script share), ko (particles split), en / none (scikit-learn's)")
      ->check(CLI::IsMember({"auto", "ko", "en", "none"}))
      ->capture_default_str();
  verb->add_option("--user-dict", a->user_dict, "With Korean: words and compounds kept whole, one per line")->type_name("FILE");
  verb->add_option("--synonyms", a->synonyms, "Synonym groups (JSON or CSV concept,word): members count as their concept "
                                              "in topic words")->type_name("GROUPS");
  verb->add_flag("--bm25-weighting", a->pipeline.topics.ctfidf.bm25_weighting, "BM25-style idf in c-TF-IDF");
  verb->add_flag("--reduce-frequent-words", a->pipeline.topics.ctfidf.reduce_frequent_words, "Square-root term frequencies in c-TF-IDF");
  verb->add_flag("--probabilities", a->pipeline.distributions, "Topic distributions per document (HDBSCAN membership vectors)");
  verb->add_option("--n-neighbors", a->pipeline.umap.n_neighbors, "UMAP neighbours")->capture_default_str();
  verb->add_option("--n-components", a->pipeline.umap.n_components, "UMAP dimensions")->capture_default_str();
  verb->add_option("--min-dist", a->pipeline.umap.min_dist, "UMAP min_dist")->capture_default_str();
  verb->add_option("--metric", a->metric, "UMAP metric")->check(CLI::IsMember({"cosine", "euclidean"}))->capture_default_str();
  add_seed_option(*verb, a->seed);
  add_threads_option(*verb, a->pipeline.threads);
  add_nr_topics_option(*verb, a->nr_topics, false);
  verb->callback([a] { run_fit(*a); });
}

}  // namespace topica::cli
