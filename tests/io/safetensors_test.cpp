#include "topica/safetensors.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "support/test_support.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

template <typename E, typename F>
void expect_error(F&& f, const std::string& part) {
  try {
    f();
    FAIL() << "no exception";
  } catch (const E& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

std::string with_header(const std::string& json, const std::string& data) {
  std::string out(8, '\0');
  const std::uint64_t n = json.size();
  std::memcpy(out.data(), &n, 8);
  return out + json + data;
}

TEST(Safetensors, RoundTripKeepsNamesShapesAndValues) {
  test::ScratchDir dir;
  const std::vector<float> f{1.5f, -2.0f, 3.25f, 0.0f, 1e-30f, -0.0f};
  const std::vector<double> d{0.1, 0.2};
  const std::vector<std::int32_t> i32{-1, 2, 3};
  const std::vector<std::int64_t> i64{1LL << 40};
  SafetensorsWriter w;
  w.add("weights", {2, 3}, std::span<const float>(f));
  w.add("idf", {2}, std::span<const double>(d));
  w.add("indptr", {3}, std::span<const std::int32_t>(i32));
  w.add("shape", {1}, std::span<const std::int64_t>(i64));
  w.set_metadata("format", "pt");
  const std::string path = dir.file("m.safetensors");
  w.write(path);

  const SafetensorsFile file(path);
  EXPECT_EQ(file.tensors().size(), 4u);
  EXPECT_EQ(file.metadata().at("format"), "pt");
  EXPECT_EQ(file.tensor("weights").shape, (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(file.read_float("weights"), f);
  EXPECT_EQ(file.read_double("idf"), d);
  EXPECT_EQ(file.read_int("indptr"), (std::vector<std::int64_t>{-1, 2, 3}));
  EXPECT_EQ(file.read_int("shape"), (std::vector<std::int64_t>{1LL << 40}));
  // The data section starts 8-byte aligned.
  const auto raw = test::read_file(path);
  std::uint64_t header = 0;
  std::memcpy(&header, raw.data(), 8);
  EXPECT_EQ(header % 8, 0u);
}

TEST(Safetensors, HalfAndBfloat16ConvertExactly) {
  EXPECT_EQ(half_to_float(0x3C00), 1.0f);
  EXPECT_EQ(half_to_float(0xC000), -2.0f);
  EXPECT_EQ(half_to_float(0x7BFF), 65504.0f);
  EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_TRUE(std::isinf(half_to_float(0x7C00)));
  EXPECT_TRUE(std::isnan(half_to_float(0x7E00)));
  EXPECT_EQ(bfloat16_to_float(0x3F80), 1.0f);
  EXPECT_EQ(bfloat16_to_float(0xC0A0), -5.0f);

  test::ScratchDir dir;
  const std::uint16_t halves[] = {0x3C00, 0x3800};  // 1.0, 0.5
  const std::string json = R"({"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}})";
  const auto path = dir.write("h.safetensors", with_header(json, std::string(reinterpret_cast<const char*>(halves), 4)));
  EXPECT_EQ(SafetensorsFile(path).read_float("h"), (std::vector<float>{1.0f, 0.5f}));
}

TEST(Safetensors, BadFilesAreClearErrors) {
  test::ScratchDir dir;
  const std::string ok = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  expect_error<InputError>([&] { SafetensorsFile(dir.write("t.safetensors", with_header(ok, "1234"))); }, "truncated");
  expect_error<InputError>([&] { SafetensorsFile(dir.write("s.safetensors", "abc")); }, "not a safetensors file");
  expect_error<InputError>([&] { SafetensorsFile(dir.write("j.safetensors", with_header("[1,2]", ""))); }, "not a JSON object");
  const std::string big = R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})";
  expect_error<InputError>([&] { SafetensorsFile(dir.write("b.safetensors", with_header(big, "12345678"))); }, "8 bytes for 3 values");
  const std::string hole = R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}})";
  expect_error<InputError>([&] { SafetensorsFile(dir.write("h.safetensors", with_header(hole, "1234"))); }, "hole");
  const std::string q = R"({"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}})";
  expect_error<InputError>([&] { SafetensorsFile(dir.write("q.safetensors", with_header(q, "1"))); }, "unsupported dtype");
  const SafetensorsFile file(dir.write("ok.safetensors", with_header(ok, "12345678")));
  expect_error<InputError>([&] { file.tensor("missing"); }, "no tensor named 'missing'");
  expect_error<InputError>([&] { file.read_int("a"); }, "expected an integer dtype");
  expect_error<Error>([&] { SafetensorsFile(dir.file("absent.safetensors")); }, "absent.safetensors");
}

TEST(Safetensors, ReadsBertopicsSavedModel) {
  const auto shared = test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const auto dir = *shared / "reference" / "bertopic" / "model_safetensors";
  const SafetensorsFile embeddings((dir / "topic_embeddings.safetensors").string());
  EXPECT_EQ(embeddings.tensor("topic_embeddings").shape, (std::vector<std::uint64_t>{50, 384}));
  const SafetensorsFile ctfidf((dir / "ctfidf.safetensors").string());
  const auto indptr = ctfidf.read_int("indptr");
  const auto shape = ctfidf.read_int("shape");
  ASSERT_EQ(shape.size(), 2u);
  EXPECT_EQ(indptr.size(), static_cast<std::size_t>(shape[0] + 1));
  EXPECT_EQ(static_cast<std::size_t>(indptr.back()), ctfidf.read_double("data").size());
  EXPECT_EQ(ctfidf.read_double("diag").size(), static_cast<std::size_t>(shape[1]));
}

}  // namespace
}  // namespace topica
