// Self-attention for one head of one text: softmax(scale Q K^T) V, fused. Internal to libtopica.
//
// Why not two sgemm calls: per (text, head) the matrices are small (n x 32 or n x 64) and read
// through a strided head slice, so BLAS spent more time packing and dispatching than multiplying,
// and the n x n scores went through memory twice. Here the head's K and V are copied once into
// contiguous, zero-padded panels, and each block of query rows computes its scores, softmax and
// context while the scores stay in L1.
#pragma once

#include <cstddef>

namespace topica::encoder {

/// One head's attention: out row i (d floats) = sum_j softmax_j(scale q_i . k_j) v_j, for the n
/// rows of q, k, v (each row d floats, consecutive rows `ld` floats apart); out rows are `ld_out`
/// apart. Single-threaded, and the same bits whatever runs beside it.
void attend_head(const float* q, const float* k, const float* v, std::size_t ld, std::size_t n, std::size_t d,
                 float scale, float* out, std::size_t ld_out);

/// The same with Q K^T and the weighted sum of V taken in bfloat16 (AVX512-BF16 vdpbf16ps, two
/// products per lane per instruction; float32 sums, softmax in float32): for the bf16 and int8
/// precisions, whose dense layers round to bfloat16 or coarser anyway. Needs
/// bf16_attention_available().
void attend_head_bf16(const float* q, const float* k, const float* v, std::size_t ld, std::size_t n, std::size_t d,
                      float scale, float* out, std::size_t ld_out);

/// Whether this CPU has AVX512-BF16 (and the build is for x86-64).
bool bf16_attention_available();

}  // namespace topica::encoder
