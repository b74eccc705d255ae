#include "core/blas.hpp"

#include <cblas.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "topica/error.hpp"

// LAPACK's Fortran entry points, which Debian's libopenblas exports (32-bit integers: OpenBLAS is
// built without INTERFACE64 there, see openblas_config.h).
extern "C" {
void sgeqrf_(const int* m, const int* n, float* a, const int* lda, float* tau, float* work, const int* lwork,
             int* info);
void sorgqr_(const int* m, const int* n, const int* k, float* a, const int* lda, const float* tau, float* work,
             const int* lwork, int* info);
}

namespace topica::blas {
namespace {

void single_threaded() {
  static std::once_flag once;
  std::call_once(once, [] { openblas_set_num_threads(1); });
}

int i(std::size_t v) { return static_cast<int>(v); }

}  // namespace

void gemm_abt(std::size_t m, std::size_t n, std::size_t k, float alpha, const float* a, std::size_t lda,
              const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc) {
  single_threaded();
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, i(m), i(n), i(k), alpha, a, i(lda), b, i(ldb), beta, c, i(ldc));
}

void gemm_ab(std::size_t m, std::size_t n, std::size_t k, float alpha, const float* a, std::size_t lda,
             const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc) {
  single_threaded();
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, i(m), i(n), i(k), alpha, a, i(lda), b, i(ldb), beta, c, i(ldc));
}

void gemm_atb(std::size_t m, std::size_t n, std::size_t k, float alpha, const float* a, std::size_t lda,
              const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc) {
  single_threaded();
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, i(m), i(n), i(k), alpha, a, i(lda), b, i(ldb), beta, c, i(ldc));
}

void syrk_ata(std::size_t n, std::size_t k, float alpha, const float* a, std::size_t lda, float beta, float* c,
              std::size_t ldc) {
  single_threaded();
  cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, i(n), i(k), alpha, a, i(lda), beta, c, i(ldc));
}

void syrk_ata(std::size_t n, std::size_t k, double alpha, const double* a, std::size_t lda, double beta, double* c,
              std::size_t ldc) {
  single_threaded();
  cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, i(n), i(k), alpha, a, i(lda), beta, c, i(ldc));
}

void trsm_right_upper(std::size_t m, std::size_t n, const float* r, std::size_t ldr, float* b, std::size_t ldb) {
  single_threaded();
  cblas_strsm(CblasRowMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit, i(m), i(n), 1.0f, r, i(ldr), b,
              i(ldb));
}

namespace {

void check_lapack(const char* routine, int info) {
  if (info != 0) throw Error(std::string("LAPACK ") + routine + " failed (info " + std::to_string(info) + ")");
}

}  // namespace

void householder_qr(std::size_t m, std::size_t n, float* a, std::size_t lda, float* r, std::size_t ldr) {
  single_threaded();
  const int im = i(m), in = i(n), ilda = i(lda);
  std::vector<float> tau(std::max<std::size_t>(n, 1));
  int info = 0, query = -1;
  float size = 0;
  sgeqrf_(&im, &in, a, &ilda, tau.data(), &size, &query, &info);
  check_lapack("sgeqrf (workspace query)", info);
  std::vector<float> work(std::max<std::size_t>(static_cast<std::size_t>(size), n));
  int lwork = static_cast<int>(work.size());
  sgeqrf_(&im, &in, a, &ilda, tau.data(), work.data(), &lwork, &info);
  check_lapack("sgeqrf", info);
  for (std::size_t col = 0; col < n; ++col) {
    for (std::size_t row = 0; row < n; ++row) r[col * ldr + row] = row <= col ? a[col * lda + row] : 0.0f;
  }
  sorgqr_(&im, &in, &in, a, &ilda, tau.data(), &size, &query, &info);
  check_lapack("sorgqr (workspace query)", info);
  work.resize(std::max<std::size_t>(static_cast<std::size_t>(size), n));
  lwork = static_cast<int>(work.size());
  sorgqr_(&im, &in, &in, a, &ilda, tau.data(), work.data(), &lwork, &info);
  check_lapack("sorgqr", info);
}

}  // namespace topica::blas
