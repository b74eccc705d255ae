#include "encoder/linear.hpp"

#include <fmt/format.h>

#include "topica/error.hpp"
#include "topica/parallel.hpp"

namespace topica::encoder {

Linear::Linear(DenseWeights dense, Precision precision) : in_(dense.in), out_(dense.out), precision_(precision) {
  if (dense.weight.size() != in_ * out_ || dense.bias.size() != out_) {
    throw Error(fmt::format("dense layer: {} weights and {} biases for {} x {}", dense.weight.size(), dense.bias.size(),
                            out_, in_));
  }
  // oneDNN for every precision: on the encoder's shapes, run single-threaded per row block, its
  // float32 kernel beat OpenBLAS sgemm by 15-35% (bench/matmul_bench), and its bf16 / int8
  // kernels are the only ones here using AVX512-BF16 and VNNI.
  kernel_ = make_dnnl_kernel(std::move(dense), precision);
}

void Linear::forward(const Matrix<float>& x, Matrix<float>& y, std::size_t threads) const {
  if (x.cols != in_) throw Error(fmt::format("dense layer wants {} inputs, got {}", in_, x.cols));
  // Every element is written below, so a y of the right shape is reused as it is: a fresh one per
  // product cost more in page faults than the bf16 / int8 product itself.
  if (y.rows != x.rows || y.cols != out_) y = Matrix<float>(x.rows, out_);
  parallel_blocks(x.rows, kLinearRowBlock, threads, [&](std::size_t begin, std::size_t end) {
    kernel_->run(x.row(begin), x.cols, end - begin, y.row(begin), y.cols);
  });
}

}  // namespace topica::encoder
