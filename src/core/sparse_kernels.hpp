// The sparse x dense product behind topica::multiply and the randomized SVD's range finder.
#pragma once

#include <cstddef>

#include "topica/sparse.hpp"

namespace topica::detail {

/// out (a.rows x k, row-major, overwritten) = a * b, where b is a.cols x k row-major. Work is
/// cut into fixed row blocks and column tiles, and every output value is summed by one task in
/// the order of the row's stored entries, so the result does not depend on `threads`.
void csr_times_dense(const CsrMatrix& a, const float* b, std::size_t k, float* out, std::size_t threads);

}  // namespace topica::detail
