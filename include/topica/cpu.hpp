// What the processor can do, detected at run time. Binaries are built for baseline x86-64 and
// pick wider kernels (AVX2, AVX-512, VNNI, BF16) where the CPU has them, so one build runs
// everywhere and still uses the machine (configure with -DTOPICA_NATIVE=ON to tune for the
// build machine instead).
#pragma once

#include <string>

namespace topica {

struct CpuFeatures {
  bool avx2 = false;
  bool fma = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512vnni = false;
  bool avx512bf16 = false;
};

CpuFeatures detect_cpu_features();

/// The widest SIMD level the float kernels use on this CPU: "avx512", "avx2" or "baseline".
std::string simd_level(const CpuFeatures& features);

/// Space-separated names of the detected features, e.g. "avx2 fma avx512f avx512_vnni".
std::string describe(const CpuFeatures& features);

}  // namespace topica
