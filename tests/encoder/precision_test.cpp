// The encoder's three precisions against PyTorch float32 (the committed fixtures of
// tests/fixtures/encoder, scripts/make_encoder_fixtures.py): cosine per sentence >= 0.99999 in
// fp32, >= 0.999 in bf16, >= 0.99 in int8 (the bounds), the worst one printed; the same
// bits for any thread count in every precision; and the progress callback's counts.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "encoder/attention.hpp"
#include "encoder/fast_math.hpp"
#include "encoder/linear.hpp"
#include "support/encoder_fixtures.hpp"
#include "support/test_support.hpp"
#include "topica/encoder.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/random.hpp"

namespace topica {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& name) { return test::encoder_fixture(name); }
std::vector<std::string> sentences() { return test::encoder_fixture_sentences(); }
using test::cosine;

double bound(Precision p) { return p == Precision::Fp32 ? 0.99999 : p == Precision::Bf16 ? 0.999 : 0.99; }

SentenceEncoder load(const std::string& model, Precision precision) {
  EncoderOptions options;
  options.precision = precision;
  return SentenceEncoder::load(fixture(model), options);
}

using Case = std::tuple<std::string, Precision>;
class PrecisionParity : public ::testing::TestWithParam<Case> {};

TEST_P(PrecisionParity, CosineToPyTorchFloat32WithinTheBound) {
  const auto& [model, precision] = GetParam();
  const SentenceEncoder encoder = load(model, precision);
  ASSERT_EQ(encoder.precision(), precision);
  const Matrix<float> expected = read_npy_matrix((fixture(model) / "expected_pooled.npy").string());
  const auto texts = sentences();
  const Matrix<float> pooled = encoder.encode(texts, 8, 2);
  ASSERT_EQ(pooled.rows, expected.rows);
  ASSERT_EQ(pooled.cols, expected.cols);
  double worst = 1;
  std::size_t worst_sentence = 0;
  for (std::size_t s = 0; s < pooled.rows; ++s) {
    const double c = cosine(pooled.row(s), expected.row(s), pooled.cols);
    if (c < worst) worst = c, worst_sentence = s;
  }
  EXPECT_GE(worst, bound(precision)) << model << " " << precision_name(precision) << ": worst cosine " << worst
                                     << " (sentence " << worst_sentence << ")";
  std::cout << "[ figures  ] " << model << " " << precision_name(precision) << ": worst cosine to PyTorch fp32 "
            << worst << " (1 - cos = " << 1 - worst << ")\n";
}

TEST_P(PrecisionParity, SameBitsForAnyThreadCount) {
  const auto& [model, precision] = GetParam();
  const SentenceEncoder encoder = load(model, precision);
  const auto texts = sentences();
  for (std::size_t batch : {4, 32}) {
    EXPECT_EQ(encoder.encode(texts, batch, 1).values, encoder.encode(texts, batch, 2).values) << "batch size " << batch;
  }
}

INSTANTIATE_TEST_SUITE_P(Encoder, PrecisionParity,
                         ::testing::Combine(::testing::Values("bert_mean", "roberta_cls", "xlmr_max"),
                                            ::testing::Values(Precision::Fp32, Precision::Bf16, Precision::Int8)),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::get<0>(info.param) + "_" + precision_name(std::get<1>(info.param));
                         });

TEST(Precision, NamesRoundTripAndOthersAreRejected) {
  for (Precision p : {Precision::Fp32, Precision::Bf16, Precision::Int8}) EXPECT_EQ(parse_precision(precision_name(p)), p);
  EXPECT_FALSE(parse_precision("fp16"));
  EXPECT_FALSE(parse_precision("BF16"));
  EXPECT_FALSE(parse_precision(""));
}

TEST(Precision, ProgressCountsEveryTextOnceAndEndsAtTheTotal) {
  const SentenceEncoder encoder = load("bert_mean", Precision::Int8);
  const auto texts = sentences();
  std::vector<std::size_t> seen;
  encoder.encode(texts, 6, 2, [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, texts.size());
    seen.push_back(done);
  });
  ASSERT_EQ(seen.size(), 4u);  // 20 texts in batches of 6
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.back(), texts.size());
}

// One dense layer against a float64 product, over more rows than a block (a padded last block
// included), in each precision: the per-layer error the sentence bounds rest on.
TEST(Precision, LinearLayerErrorAgainstFloat64) {
  const std::size_t rows = 2 * encoder::kLinearRowBlock + 7, in = 96, out = 40;
  Random random(11);
  encoder::DenseWeights dense{std::vector<float>(out * in), std::vector<float>(out), out, in};
  for (float& v : dense.weight) v = static_cast<float>(random.normal()) * 0.1f;
  for (float& v : dense.bias) v = static_cast<float>(random.normal());
  Matrix<float> x(rows, in);
  for (float& v : x.values) v = static_cast<float>(random.normal());
  Matrix<double> exact(rows, out);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t n = 0; n < out; ++n) {
      double sum = dense.bias[n];
      for (std::size_t k = 0; k < in; ++k) sum += double(x(r, k)) * dense.weight[n * in + k];
      exact(r, n) = sum;
    }
  }
  // Relative to each output row's size: bf16 keeps 8 significant bits, int8 about 7.
  for (auto [precision, tolerance] : {std::pair{Precision::Fp32, 1e-5}, {Precision::Bf16, 2e-2}, {Precision::Int8, 4e-2}}) {
    const encoder::Linear layer(dense, precision);
    Matrix<float> y;
    layer.forward(x, y, 2);
    ASSERT_EQ(y.rows, rows);
    ASSERT_EQ(y.cols, out);
    double worst = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      double norm = 0, diff = 0;
      for (std::size_t n = 0; n < out; ++n) {
        norm += exact(r, n) * exact(r, n);
        diff += (y(r, n) - exact(r, n)) * (y(r, n) - exact(r, n));
      }
      worst = std::max(worst, std::sqrt(diff / norm));
    }
    EXPECT_LT(worst, tolerance) << precision_name(precision) << " (" << layer.kernel() << ")";
    std::cout << "[ figures  ] Linear " << precision_name(precision) << " (" << layer.kernel()
              << "): worst relative row error " << worst << "\n";
  }
}

// The fused attention kernel against float64 softmax(scale Q K^T) V, on one strided head slice as
// the encoder lays it out, for lengths off and on its 4-row and 32-column tiles and for head sizes
// that are and are not a multiple of the tile (MiniLM 32, bert-base 64).
TEST(Precision, AttentionHeadAgainstFloat64) {
  Random random(5);
  // bfloat16 inputs keep 8 significant bits: errors of a few 1e-3 on outputs of order 1.
  std::vector<std::pair<decltype(&encoder::attend_head), double>> kernels{{encoder::attend_head, 2e-6}};
  if (encoder::bf16_attention_available()) kernels.push_back({encoder::attend_head_bf16, 2e-2});
  for (auto [kernel, tolerance] : kernels)
  for (std::size_t d : {32, 64, 24}) {
    for (std::size_t n : {1, 3, 7, 32, 33, 130}) {
      const std::size_t heads = 3, h = heads * d, ld = 3 * h, head = 1;
      std::vector<float> qkv(n * ld), out(n * h, -7.0f);
      // Scores of a few units, as in a trained model, so the softmax is neither flat nor one-hot.
      for (float& v : qkv) v = static_cast<float>(random.normal()) * 0.8f;
      const float scale = 1.0f / std::sqrt(static_cast<float>(d));
      const float* q = qkv.data() + head * d;
      kernel(q, q + h, q + 2 * h, ld, n, d, scale, out.data() + head * d, h);
      double worst = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::vector<double> weight(n);
        double top = -1e300, sum = 0;
        for (std::size_t j = 0; j < n; ++j) {
          double dot = 0;
          for (std::size_t c = 0; c < d; ++c) dot += double(q[i * ld + c]) * q[h + j * ld + c];
          weight[j] = dot * scale;
          top = std::max(top, weight[j]);
        }
        for (double& w : weight) sum += (w = std::exp(w - top));
        for (std::size_t c = 0; c < d; ++c) {
          double exact = 0;
          for (std::size_t j = 0; j < n; ++j) exact += weight[j] / sum * q[2 * h + j * ld + c];
          worst = std::max(worst, std::abs(out[i * h + head * d + c] - exact));
        }
        // Columns of the other heads are not this call's to write.
        EXPECT_EQ(out[i * h], -7.0f);
        EXPECT_EQ(out[i * h + h - 1], -7.0f);
      }
      EXPECT_LT(worst, tolerance) << "n " << n << ", d " << d << (kernel == encoder::attend_head ? "" : " bf16");
    }
  }
}

// The lane-wise reductions behind softmax and int8 quantisation, against plain loops, for lengths
// below, on and past the 16-lane width, with the extreme placed at every position.
TEST(Precision, SimdReductionsMatchPlainLoops) {
  Random random(9);
  for (std::size_t n : {1, 5, 16, 17, 33, 100}) {
    for (std::size_t at = 0; at < n; ++at) {
      std::vector<float> x(n);
      for (float& v : x) v = static_cast<float>(random.normal()) - 3.0f;
      x[at] = 9.5f;
      EXPECT_EQ(encoder::max_of(x.data(), n), 9.5f) << "n " << n << " at " << at;
      x[at] = -11.0f;
      EXPECT_EQ(encoder::max_abs(x.data(), n), 11.0f) << "n " << n << " at " << at;
    }
    std::vector<float> x(n);
    for (float& v : x) v = static_cast<float>(random.normal()) * 4.0f;
    std::vector<double> exact(n);
    double exact_sum = 0;
    for (std::size_t i = 0; i < n; ++i) exact_sum += (exact[i] = std::exp(double(x[i]) - 1.5));
    const float sum = encoder::exp_shifted_sum(x.data(), n, 1.5f);
    EXPECT_NEAR(sum, exact_sum, 1e-6 * exact_sum) << "n " << n;
    for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(x[i], exact[i], 1e-6 * exact[i]) << "n " << n << " i " << i;
  }
}

}  // namespace
}  // namespace topica
