// Dense products in float32, bfloat16 and int8 through oneDNN's matmul, whose JIT
// kernels use AVX512-BF16 (vdpbf16ps) and VNNI (vpdpbusd) where the CPU has them and emulate
// them where it has AVX-512 without them. Without AVX-512 oneDNN has no bfloat16 matmul: load
// then fails with one line; int8 runs everywhere (slower without VNNI).
//
// Each Linear holds one primitive built for exactly kLinearRowBlock rows, with weights packed
// once into the layout that primitive asked for; a short last block is padded with zero rows.
// Rows never mix in a matrix product, so padding does not change the real rows' results.
#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <oneapi/dnnl/dnnl.hpp>
#include <unordered_map>
#include <vector>

#include "encoder/fast_math.hpp"
#include "encoder/linear.hpp"
#include "encoder/simd_clones.hpp"
#include "topica/error.hpp"

namespace topica::encoder {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using Type = memory::data_type;

const dnnl::engine& cpu_engine() {
  static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

memory::dim dim(std::size_t v) { return static_cast<memory::dim>(v); }

// The per-row conversions run once per input row of every product: wide SIMD where the CPU has it.

/// float32 to bfloat16, rounding to nearest even (what torch's .to(torch.bfloat16) does); the
/// encoder's activations are finite, a NaN would come out as a NaN or an infinity.
TOPICA_CLONES void to_bf16(const float* x, std::size_t n, std::uint16_t* out) {
  for (std::size_t k = 0; k < n; ++k) {
    std::uint32_t bits;
    std::memcpy(&bits, &x[k], sizeof bits);
    bits += 0x7fffu + ((bits >> 16) & 1u);
    out[k] = static_cast<std::uint16_t>(bits >> 16);
  }
}

/// Rounds to the nearest integer, ties to even, for |v| < 2^22: adding 1.5 * 2^23 leaves no
/// fraction bits. Unlike std::nearbyint it vectorises.
inline float round_even(float v) {
  constexpr float kShift = 12582912.0f;
  return (v + kShift) - kShift;
}

/// q = round(x * inverse) clamped to [-127, 127].
TOPICA_CLONES void quantize(const float* x, std::size_t n, float inverse, std::int8_t* q) {
  for (std::size_t k = 0; k < n; ++k) {
    q[k] = static_cast<std::int8_t>(std::clamp(round_even(x[k] * inverse), -127.0f, 127.0f));
  }
}

/// y = y * scale + bias: int8's float32 result from the integer product.
TOPICA_CLONES void dequantize(float* y, std::size_t n, float scale, const float* bias) {
  for (std::size_t k = 0; k < n; ++k) y[k] = y[k] * scale + bias[k];
}

/// Symmetric int8 weights, one scale per output channel (row of W): W ~= scale[n] * q[n, :].
struct QuantizedWeights {
  std::vector<std::int8_t> values;
  std::vector<float> scales;
};

/// `limit` is 127, or 63 where the kernel multiplies with vpmaddubsw (no VNNI): its pairs of
/// u8 x s8 products are summed into int16 and saturate past 255 * 63 * 2.
QuantizedWeights quantize_per_channel(const DenseWeights& dense, float limit) {
  QuantizedWeights q{std::vector<std::int8_t>(dense.weight.size()), std::vector<float>(dense.out)};
  for (std::size_t n = 0; n < dense.out; ++n) {
    const float* w = dense.weight.data() + n * dense.in;
    const float top = max_abs(w, dense.in);
    const float scale = top > 0.0f ? top / limit : 1.0f;
    q.scales[n] = scale;
    for (std::size_t k = 0; k < dense.in; ++k) {
      q.values[n * dense.in + k] = static_cast<std::int8_t>(std::clamp(round_even(w[k] / scale), -limit, limit));
    }
  }
  return q;
}

/// Whether an int8 implementation sums u8 x s8 products without int16 saturation.
bool exact_int8_products(const std::string& implementation) {
  return implementation.find("vnni") != std::string::npos || implementation.find("amx") != std::string::npos;
}

// oneDNN's default scratchpad is one global buffer that primitives running at the same time on
// different threads would share; each calling thread brings its own instead.
dnnl::primitive_attr own_scratchpad() {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return attr;
}

Type source_type(Precision precision) {
  switch (precision) {
    case Precision::Fp32: return Type::f32;
    case Precision::Bf16: return Type::bf16;
    case Precision::Int8: return Type::s8;
  }
  return Type::f32;
}

class DnnlKernel final : public LinearKernel {
 public:
  DnnlKernel(DenseWeights dense, Precision precision)
      : in_(dense.in), out_(dense.out), precision_(precision), bias_(std::move(dense.bias)) {
    // The weight reorder below would otherwise start an OpenMP team whose idle threads then spin
    // on the cores the encoder's own threads need.
    omp_set_num_threads(1);
    const Type type = source_type(precision);
    const memory::desc src({dim(kLinearRowBlock), dim(in_)}, type, Tag::ab);
    const memory::desc dst({dim(kLinearRowBlock), dim(out_)}, Type::f32, Tag::ab);
    const memory::desc weights_any({dim(in_), dim(out_)}, type, Tag::any);
    const memory::desc bias({1, dim(out_)}, Type::f32, Tag::ab);
    QuantizedWeights quantized;
    dnnl::matmul::primitive_desc pd;
    try {
      if (precision == Precision::Int8) {
        quantized = quantize_per_channel(dense, 127.0f);
        pd = int8_product(src, weights_any, dst, quantized.scales);
        if (!exact_int8_products(pd.impl_info_str())) {
          quantized = quantize_per_channel(dense, 63.0f);
          pd = int8_product(src, weights_any, dst, quantized.scales);
        }
      } else {
        pd = dnnl::matmul::primitive_desc(dnnl::matmul::desc(src, weights_any, bias, dst), own_scratchpad(),
                                          cpu_engine());
      }
    } catch (const dnnl::error&) {
      throw Error(fmt::format("--precision {}: this CPU has no {} matrix product (oneDNN needs AVX-512 for bf16)",
                              precision_name(precision), precision_name(precision)));
    }
    name_ = std::string("oneDNN ") + pd.impl_info_str();
    scratchpad_bytes_ = pd.scratchpad_desc().get_size();
    product_ = dnnl::matmul(pd);
    bias_memory_ = memory(bias, cpu_engine(), bias_.data());

    // W is stored (out x in) row-major, which is the (in x out) matrix oneDNN wants in layout "ba".
    dnnl::stream stream(cpu_engine());
    const memory::dims plain_dims{dim(in_), dim(out_)};
    memory plain = precision == Precision::Int8
                       ? memory({plain_dims, Type::s8, Tag::ba}, cpu_engine(), quantized.values.data())
                       : memory({plain_dims, Type::f32, Tag::ba}, cpu_engine(), dense.weight.data());
    weights_ = memory(pd.weights_desc(), cpu_engine());
    dnnl::reorder(plain, weights_).execute(stream, plain, weights_);
    stream.wait();
  }

  void run(const float* x, std::size_t ldx, std::size_t rows, float* y, std::size_t ldy) const override {
    // oneDNN's OpenMP runtime would otherwise start its own team inside each of our blocks; the
    // setting is per calling thread.
    omp_set_num_threads(1);
    thread_local std::vector<std::uint8_t> source;
    thread_local std::vector<float> row_scales, padded_out;
    thread_local std::vector<std::uint8_t> scratchpad;
    if (scratchpad.size() < scratchpad_bytes_) scratchpad.resize(scratchpad_bytes_);
    const std::size_t element = precision_ == Precision::Fp32 ? 4 : precision_ == Precision::Bf16 ? 2 : 1;
    // float32 reads a whole contiguous block in place; everything else goes through `source`.
    const bool in_place = precision_ == Precision::Fp32 && rows == kLinearRowBlock && ldx == in_;
    if (!in_place) {
      source.resize(kLinearRowBlock * in_ * element);
      std::fill(source.begin() + rows * in_ * element, source.end(), 0);  // zero rows pad a short block
      row_scales.assign(kLinearRowBlock, 1.0f);
      for (std::size_t r = 0; r < rows; ++r) convert_row(x + r * ldx, source.data() + r * in_ * element, row_scales[r]);
    }

    const bool direct = rows == kLinearRowBlock && ldy == out_;
    if (!direct) padded_out.resize(kLinearRowBlock * out_);
    float* out = direct ? y : padded_out.data();
    dnnl::stream stream(cpu_engine());
    void* source_data = in_place ? const_cast<float*>(x) : static_cast<void*>(source.data());
    memory src({{dim(kLinearRowBlock), dim(in_)}, source_type(precision_), Tag::ab}, cpu_engine(), source_data);
    memory dst({{dim(kLinearRowBlock), dim(out_)}, Type::f32, Tag::ab}, cpu_engine(), out);
    memory scratch({{dim(scratchpad_bytes_)}, Type::u8, Tag::a}, cpu_engine(), scratchpad.data());
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights_}, {DNNL_ARG_DST, dst},
                                         {DNNL_ARG_SCRATCHPAD, scratch}};
    if (precision_ != Precision::Int8) args.emplace(DNNL_ARG_BIAS, bias_memory_);
    product_.execute(stream, args);
    stream.wait();
    for (std::size_t r = 0; r < rows; ++r) {
      float* row = y + r * ldy;
      if (!direct) std::copy(out + r * out_, out + (r + 1) * out_, row);
      if (precision_ == Precision::Int8) dequantize(row, out_, row_scales[r], bias_.data());
    }
  }

  std::string name() const override { return name_; }

 private:
  /// int8 adds the bias itself, after the per-row activation scale; oneDNN applies the weight
  /// scales per output column.
  static dnnl::matmul::primitive_desc int8_product(const memory::desc& src, const memory::desc& weights,
                                                   const memory::desc& dst, const std::vector<float>& scales) {
    dnnl::primitive_attr attr = own_scratchpad();
    attr.set_output_scales(1 << 1, scales);
    return dnnl::matmul::primitive_desc(dnnl::matmul::desc(src, weights, dst), attr, cpu_engine());
  }

  /// One input row into the kernel's source type. int8: symmetric per-row (per-token) dynamic
  /// quantisation, x ~= scale * q, so one outlier token does not coarsen the others.
  void convert_row(const float* x, std::uint8_t* to, float& scale) const {
    switch (precision_) {
      case Precision::Fp32:
        std::memcpy(to, x, in_ * sizeof(float));
        return;
      case Precision::Bf16:
        to_bf16(x, in_, reinterpret_cast<std::uint16_t*>(to));
        return;
      case Precision::Int8: {
        const float top = max_abs(x, in_);
        scale = top > 0.0f ? top / 127.0f : 1.0f;
        quantize(x, in_, 1.0f / scale, reinterpret_cast<std::int8_t*>(to));
        return;
      }
    }
  }

  std::size_t in_, out_;
  Precision precision_;
  std::vector<float> bias_;
  std::string name_;
  std::size_t scratchpad_bytes_ = 0;
  dnnl::matmul product_;
  memory weights_, bias_memory_;
};

}  // namespace

std::shared_ptr<const LinearKernel> make_dnnl_kernel(DenseWeights dense, Precision precision) {
  return std::make_shared<DnnlKernel>(std::move(dense), precision);
}

}  // namespace topica::encoder
