// One build of every kernel for the instruction set this file is compiled for. Each
// variant_<isa>.cc defines RNN_VARIANT and includes this file once.
//
// Every variant instantiates Eigen's templates with its own instructions. Eigen's namespace is
// renamed per variant so that the linker cannot merge, say, the AVX-512 build of a product into
// the generic one (same mangled name, different code) and run it on a CPU without AVX-512. For
// the same reason the kernels use no standard-library containers: their scratch memory comes
// from thread_scratch, compiled once for every CPU.
#pragma once

#ifndef RNN_VARIANT
#error "define RNN_VARIANT (generic, avx2, avx512) before including variant.h"
#endif

#define RNN_JOIN2(a, b) a##b
#define RNN_JOIN(a, b) RNN_JOIN2(a, b)
#define RNN_STR2(a) #a
#define RNN_STR(a) RNN_STR2(a)
#define Eigen RNN_JOIN(Eigen_, RNN_VARIANT)
#define EIGEN_DONT_PARALLELIZE
#define EIGEN_NO_DEBUG
#include <Eigen/Core>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "kernels.h"
#include "parallel.h"

#if defined(_MSC_VER)
#define RNN_RESTRICT __restrict
#else
#define RNN_RESTRICT __restrict__
#endif

namespace rnn {
namespace RNN_VARIANT {

#include "activations.h"
#include "matrix_ops.h"
#include "gru.h"
#include "lstm.h"
#include "simple_rnn.h"

inline void forward(const Problem& p, const ForwardArgs& a) {
  switch (p.cell) {
    case Cell::Lstm: lstm_forward(p, a); break;
    case Cell::GruResetBefore:
    case Cell::GruResetAfter: gru_forward(p, a); break;
    case Cell::SimpleRnn: simple_rnn_forward(p, a); break;
  }
}

inline void backward(const Problem& p, const BackwardArgs& a) {
  switch (p.cell) {
    case Cell::Lstm: lstm_backward(p, a); break;
    case Cell::GruResetBefore:
    case Cell::GruResetAfter: gru_backward(p, a); break;
    case Cell::SimpleRnn: simple_rnn_backward(p, a); break;
  }
}

inline void gemm_repeat(int64_t m, int64_t k, int64_t n, int64_t iterations) {
  View a = view(thread_scratch(0, m * k), m, k, k);
  View b = view(thread_scratch(1, k * n), k, n, n);
  View c = view(thread_scratch(7, m * n), m, n, n);
  a.setConstant(0.5f);
  b.setConstant(0.25f);
  for (int64_t i = 0; i < iterations; ++i) c.noalias() = a * b;
}

}  // namespace RNN_VARIANT

const KernelTable& RNN_JOIN(kernels_, RNN_VARIANT)() {
  static const KernelTable table{RNN_STR(RNN_VARIANT), &RNN_VARIANT::forward, &RNN_VARIANT::backward,
                                  &RNN_VARIANT::gemm_repeat};
  return table;
}

}  // namespace rnn
