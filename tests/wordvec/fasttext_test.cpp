// FastText: fastText's hash and n-grams, vectors for unseen words, the model file.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/fasttext_model.hpp"
#include "topica/random.hpp"
#include "topica/word_vector_tools.hpp"

namespace topica {
namespace {

// The reference values: FNV-1a with each byte sign-extended (as fastText), computed in Python.
TEST(FastTextSubwords, HashIsFastTextsFnv1aVariant) {
  EXPECT_EQ(fasttext_hash("a"), 3826002220u);  // = plain FNV-1a for ASCII (0xe40c292c)
  EXPECT_EQ(fasttext_hash("<wh"), 1048167652u);
  EXPECT_EQ(fasttext_hash("über"), 238904527u);  // non-ASCII bytes sign-extended
  EXPECT_EQ(fasttext_hash("<ü"), 990811388u);
}

TEST(FastTextSubwords, NgramsOfTheMarkedWord) {
  // The paper's example: "where", n = 3 -> <wh, whe, her, ere, re>.
  const std::size_t bucket = 2000000;
  std::vector<std::uint32_t> expected;
  for (const char* g : {"<wh", "whe", "her", "ere", "re>"}) expected.push_back(fasttext_hash(g) % bucket);
  EXPECT_EQ(subword_buckets("where", 3, 3, bucket), expected);
  // n-grams count characters, not bytes: "ü" is one.
  expected.clear();
  for (const char* g : {"<ü", "<üb", "üb", "übe", "be", "ber", "er", "er>", "r>"}) expected.push_back(fasttext_hash(g) % bucket);
  EXPECT_EQ(subword_buckets("über", 2, 3, bucket), expected);
  EXPECT_TRUE(subword_buckets("where", 3, 6, 0).empty());
}

// Inflections of a few stems in shared contexts, and unrelated filler words.
TrainingCorpus inflection_corpus(std::size_t documents) {
  const std::vector<std::string> stems{"walk", "jump", "paint", "climb"};
  const std::vector<std::string> endings{"", "s", "ed", "ing"};
  const std::vector<std::string> filler{"zorb", "quix", "vlem", "fnord", "gwyx", "trop"};
  Random random(5);
  TrainingCorpusBuilder builder;
  for (std::size_t d = 0; d < documents; ++d) {
    const std::string& stem = stems[d % stems.size()];
    std::vector<std::string> doc;
    for (int t = 0; t < 12; ++t) {
      doc.push_back(t % 3 == 0 ? filler[random.below(filler.size())] : stem + endings[random.below(endings.size())]);
    }
    builder.add_document(doc);
  }
  return builder.finish(1);
}

FastTextOptions small_options() {
  FastTextOptions o;
  o.dim = 24;
  o.window = 3;
  o.epochs = 5;
  o.bucket = 5000;
  o.sample = 0;
  o.seed = 3;
  return o;
}

double cosine(const std::vector<float>& a, const std::vector<float>& b) { return cosine_similarity(a, b); }

TEST(FastText, AnUnseenWordIsCloseToItsInflections) {
  const TrainingCorpus corpus = inflection_corpus(test::kSanitized ? 80 : 300);
  for (Word2VecArch arch : {Word2VecArch::SkipGram, Word2VecArch::Cbow}) {
    FastTextOptions o = small_options();
    o.arch = arch;
    const FastTextModel model = train_fasttext(corpus, o);
    ASSERT_FALSE(model.word_vector("walker").empty());
    const std::vector<float> unseen = model.word_vector("walker");
    const double near = cosine(unseen, model.word_vector("walked")), far = cosine(unseen, model.word_vector("painted"));
    EXPECT_GT(near, 0.5);
    EXPECT_GT(near, far + 0.2) << "walker~walked " << near << " walker~painted " << far;
    // A vocabulary word's vector is the mean of its own row and its n-gram rows.
    const WordVectors words = model.word_vectors();
    const auto row = words.find("jumping");
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(std::vector<float>(words.vectors.row(*row), words.vectors.row(*row) + 24), model.word_vector("jumping"));
  }
}

TEST(FastText, TheModelFileKeepsUnseenWordsAnswerable) {
  test::ScratchDir scratch;
  const FastTextModel model = train_fasttext(inflection_corpus(40), small_options());
  model.save(scratch.file("m.ftz"));
  EXPECT_TRUE(FastTextModel::is_model_file(scratch.file("m.ftz")));
  const FastTextModel back = FastTextModel::load(scratch.file("m.ftz"));
  EXPECT_EQ(back.words(), model.words());
  EXPECT_EQ(back.counts(), model.counts());
  EXPECT_EQ(back.word_vector("climber"), model.word_vector("climber"));
  const WordVectorSource source = WordVectorSource::load(scratch.file("m.ftz"));
  EXPECT_EQ(source.vector("climber"), model.word_vector("climber"));
  // Truncated or foreign files are refused with the file's name.
  const std::string bytes = test::read_file(scratch.file("m.ftz"));
  const std::string cut = scratch.write("cut.ftz", bytes.substr(0, bytes.size() - 10));
  try {
    FastTextModel::load(cut);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(cut), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
  EXPECT_THROW(FastTextModel::load(scratch.write("x.ftz", "not a model")), InputError);
}

TEST(FastText, OneThreadAndASeedAreReproducible) {
  const TrainingCorpus corpus = inflection_corpus(30);
  EXPECT_EQ(train_fasttext(corpus, small_options()).word_vector("walks"), train_fasttext(corpus, small_options()).word_vector("walks"));
  FastTextOptions o = small_options();
  o.hierarchical_softmax = true;
  EXPECT_THROW(train_fasttext(corpus, o), UsageError);
}

}  // namespace
}  // namespace topica
