// The one door through which the encoder multiplies matrices: a dense layer y = x W^T + b whose
// weights are prepared once, at model load, in the chosen precision (float32, bfloat16 or int8)
// and in the layout the kernel wants. The transformer only ever calls forward(); which library
// runs underneath (OpenBLAS, oneDNN, later a CUDA kernel) is this file's business alone.
//
// Why the split between Linear and LinearKernel: Linear owns the threading (fixed row blocks, so
// the bits never depend on --threads), a kernel owns one block's arithmetic, single-threaded.
// A device backend would replace forward() whole rather than a block.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "encoder/encoder_weights.hpp"
#include "topica/encoder.hpp"
#include "topica/matrix.hpp"

namespace topica::encoder {

/// Rows of the input per kernel call: fixed, so blocks (and bits) are the same for any thread
/// count, and large enough that a kernel's per-call cost is spread over many rows.
inline constexpr std::size_t kLinearRowBlock = 64;

/// One precision's arithmetic for one block of at most kLinearRowBlock rows, single-threaded.
class LinearKernel {
 public:
  virtual ~LinearKernel() = default;
  /// y (rows x out, leading dimension ldy) = x (rows x in, leading dimension ldx) W^T + b.
  virtual void run(const float* x, std::size_t ldx, std::size_t rows, float* y, std::size_t ldy) const = 0;
  /// What runs underneath, for benchmarks and --verbose output (e.g. "oneDNN brg:avx512_core_amx").
  virtual std::string name() const = 0;
};

class Linear {
 public:
  /// Prepares `dense` (moved in: the float32 copy is kept only where the kernel needs it) for
  /// `precision`. Throws topica::Error with one line when this CPU cannot run that precision.
  Linear(DenseWeights dense, Precision precision);

  /// y = x W^T + b, y resized to x.rows x out() (its storage reused when it has that shape
  /// already). The same bits for any `threads`.
  void forward(const Matrix<float>& x, Matrix<float>& y, std::size_t threads) const;

  std::size_t in() const { return in_; }
  std::size_t out() const { return out_; }
  Precision precision() const { return precision_; }
  std::string kernel() const { return kernel_->name(); }

 private:
  std::size_t in_ = 0, out_ = 0;
  Precision precision_ = Precision::Fp32;
  std::shared_ptr<const LinearKernel> kernel_;
};

/// oneDNN's matmul in `precision` (linear_dnnl.cpp).
std::shared_ptr<const LinearKernel> make_dnnl_kernel(DenseWeights dense, Precision precision);

}  // namespace topica::encoder
