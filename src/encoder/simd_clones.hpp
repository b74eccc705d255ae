// TOPICA_CLONES: compile a row kernel for AVX-512, AVX2 and baseline x86-64 and pick one at load
// time (the build is portable; see topica/cpu.hpp). Off under AddressSanitizer, which does not
// support function multiversioning, and off other than on x86-64.
#pragma once

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define TOPICA_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TOPICA_CLONES
#endif
