#include "cpu_dispatch.h"

#include <cstring>

#if defined(RNN_HAVE_X86_VARIANTS)
#if defined(_MSC_VER)
#include <immintrin.h>
#include <intrin.h>
#else
#include <cpuid.h>
#endif
#endif

namespace rnn {
namespace {

#if defined(RNN_HAVE_X86_VARIANTS)
struct CpuFeatures {
  bool avx2_fma = false;
  bool avx512 = false;  // F, VL, DQ, BW: what Eigen's AVX-512 float path is compiled with
};

void cpuid(int leaf, int subleaf, unsigned regs[4]) {
#if defined(_MSC_VER)
  int r[4];
  __cpuidex(r, leaf, subleaf);
  for (int i = 0; i < 4; ++i) regs[i] = static_cast<unsigned>(r[i]);
#else
  __cpuid_count(leaf, subleaf, regs[0], regs[1], regs[2], regs[3]);
#endif
}

unsigned long long xgetbv0() {
#if defined(_MSC_VER)
  return _xgetbv(0);
#else
  unsigned lo = 0, hi = 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (static_cast<unsigned long long>(hi) << 32) | lo;
#endif
}

CpuFeatures detect() {
  CpuFeatures f;
  unsigned r[4];
  cpuid(0, 0, r);
  if (r[0] < 7) return f;
  cpuid(1, 0, r);
  const bool osxsave = (r[2] >> 27) & 1, fma = (r[2] >> 12) & 1, avx = (r[2] >> 28) & 1;
  if (!osxsave || !avx) return f;
  // The operating system must save the wider registers on a context switch, not just the CPU
  // have them: XCR0 bits 1-2 for YMM, 5-7 for the AVX-512 state.
  const unsigned long long xcr0 = xgetbv0();
  const bool ymm = (xcr0 & 0x6) == 0x6, zmm = (xcr0 & 0xe6) == 0xe6;
  cpuid(7, 0, r);
  const unsigned ebx = r[1];
  const bool avx2 = (ebx >> 5) & 1;
  const bool avx512 = ((ebx >> 16) & 1) && ((ebx >> 17) & 1) && ((ebx >> 30) & 1) && ((ebx >> 31) & 1);
  f.avx2_fma = ymm && avx2 && fma;
  f.avx512 = f.avx2_fma && zmm && avx512;
  return f;
}
#endif

}  // namespace

const KernelTable* select_kernels(const char* forced) {
#if defined(RNN_HAVE_X86_VARIANTS)
  const CpuFeatures f = detect();
  if (forced == nullptr || *forced == '\0') {
    if (f.avx512) return &kernels_avx512();
    if (f.avx2_fma) return &kernels_avx2();
    return &kernels_generic();
  }
  if (std::strcmp(forced, "avx512") == 0) return f.avx512 ? &kernels_avx512() : nullptr;
  if (std::strcmp(forced, "avx2") == 0) return f.avx2_fma ? &kernels_avx2() : nullptr;
#else
  if (forced == nullptr || *forced == '\0') return &kernels_generic();
#endif
  if (std::strcmp(forced, "generic") == 0) return &kernels_generic();
  return nullptr;
}

}  // namespace rnn
