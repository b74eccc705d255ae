#include "wordvec/hogwild.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>

#include "topica/parallel.hpp"
#include "topica/random.hpp"

namespace topica::wordvec {
namespace {

constexpr std::size_t kMaxSentence = 10000;
constexpr std::uint64_t kReportEvery = 10000;  // words between updates of the shared counter

// The first document of each thread's share, cut where the token count crosses k/threads.
std::vector<std::size_t> share_starts(const TrainingCorpus& corpus, std::size_t threads) {
  std::vector<std::size_t> starts{0};
  const std::size_t total = corpus.tokens.size();
  for (std::size_t t = 1; t < threads; ++t) {
    const std::size_t target = total * t / threads;
    const auto it = std::upper_bound(corpus.document_ends.begin(), corpus.document_ends.end(), target - 1);
    starts.push_back(std::max<std::size_t>(starts.back(), static_cast<std::size_t>(it - corpus.document_ends.begin()) + 1));
  }
  starts.push_back(corpus.documents());
  for (std::size_t& s : starts) s = std::min(s, corpus.documents());
  return starts;
}

}  // namespace

std::vector<std::uint64_t> keep_thresholds(const std::vector<std::uint64_t>& counts, double sample) {
  std::vector<std::uint64_t> keep(counts.size(), std::uint64_t{1} << 32);
  if (sample <= 0) return keep;
  double total = 0;
  for (std::uint64_t c : counts) total += static_cast<double>(c);
  const double threshold = sample * total;
  for (std::size_t w = 0; w < counts.size(); ++w) {
    const double f = static_cast<double>(counts[w]);
    const double p = (std::sqrt(f / threshold) + 1.0) * threshold / f;  // word2vec.c, gensim
    if (p < 1.0) keep[w] = static_cast<std::uint64_t>(p * 4294967296.0);
  }
  return keep;
}

void fill_uniform(std::vector<float>& values, float bound, std::uint64_t seed, std::size_t threads) {
  constexpr std::size_t kBlock = 1 << 16;
  parallel_blocks(values.size(), kBlock, threads, [&](std::size_t begin, std::size_t end) {
    FastRandom random(Random(seed, begin / kBlock + 1).next());
    for (std::size_t i = begin; i < end; ++i) {
      const float u = static_cast<float>(random.next() >> 40) * (1.0f / 16777216.0f);  // [0, 1)
      values[i] = (2.0f * u - 1.0f) * bound;
    }
  });
}

void train_hogwild(const TrainingCorpus& corpus, const HogwildPlan& plan,
                   const std::function<SentenceTrainer(std::size_t thread)>& make_trainer) {
  const std::size_t threads = std::max<std::size_t>(1, std::min(resolve_threads(plan.threads), corpus.documents()));
  const std::vector<std::size_t> starts = share_starts(corpus, threads);
  const std::vector<std::uint64_t> keep = keep_thresholds(corpus.counts, plan.sample);
  const double total_words = static_cast<double>(corpus.tokens.size()) * static_cast<double>(plan.epochs);
  std::atomic<std::uint64_t> trained{0};
  const auto clock_start = std::chrono::steady_clock::now();
  auto last_report = clock_start;

  parallel_tasks(threads, threads, [&](std::size_t thread) {
    SentenceTrainer train = make_trainer(thread);
    FastRandom random(Random(plan.seed, thread).next());
    std::vector<std::uint32_t> sentence;
    sentence.reserve(kMaxSentence);
    std::uint64_t pending = 0;
    float alpha = static_cast<float>(plan.alpha);
    const auto account = [&] {
      const std::uint64_t done = trained.fetch_add(pending) + pending;
      pending = 0;
      const double progress = std::min(1.0, static_cast<double>(done) / std::max(total_words, 1.0));
      alpha = static_cast<float>(std::max(plan.min_alpha, plan.alpha - (plan.alpha - plan.min_alpha) * progress));
      if (thread == 0 && plan.progress != nullptr && *plan.progress) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_report > std::chrono::milliseconds(200)) {
          last_report = now;
          const double seconds = std::chrono::duration<double>(now - clock_start).count();
          (*plan.progress)(progress, static_cast<double>(done) / std::max(seconds, 1e-9));
        }
      }
    };
    for (std::size_t epoch = 0; epoch < plan.epochs; ++epoch) {
      for (std::size_t d = starts[thread]; d < starts[thread + 1]; ++d) {
        const std::size_t begin = d == 0 ? 0 : corpus.document_ends[d - 1], end = corpus.document_ends[d];
        for (std::size_t from = begin; from < end; from += kMaxSentence) {
          const std::size_t to = std::min(end, from + kMaxSentence);
          sentence.clear();
          for (std::size_t t = from; t < to; ++t) {
            const std::uint32_t w = corpus.tokens[t];
            if ((random.next() >> 32) < keep[w]) sentence.push_back(w);
          }
          if (sentence.size() > 1) train(sentence.data(), sentence.size(), alpha, random);
          pending += to - from;
          if (pending >= kReportEvery) account();
        }
      }
    }
    account();
  });
  if (plan.progress != nullptr && *plan.progress) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
    (*plan.progress)(1.0, total_words / std::max(seconds, 1e-9));
  }
}

HogwildPlan hogwild_plan(const Word2VecOptions& options) {
  HogwildPlan plan;
  plan.epochs = options.epochs;
  plan.threads = options.threads;
  plan.seed = options.seed;
  plan.sample = options.sample;
  plan.alpha = options.starting_alpha();
  plan.min_alpha = options.min_alpha;
  plan.progress = &options.progress;
  return plan;
}

}  // namespace topica::wordvec
