// Matrix helpers shared by the cells: Eigen views of the caller's row-major arrays, and the
// batched products every cell needs (input projection, input-side and recurrent gradients).
// Included inside a variant namespace.
#pragma once

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Strided = Eigen::OuterStride<>;
using View = Eigen::Map<RowMat, 0, Strided>;
using ConstView = Eigen::Map<const RowMat, 0, Strided>;
using RowVec = Eigen::Map<const Eigen::Matrix<float, 1, Eigen::Dynamic>>;

inline View view(float* data, int64_t rows, int64_t cols, int64_t ld) { return View(data, rows, cols, Strided(ld)); }
inline ConstView view(const float* data, int64_t rows, int64_t cols, int64_t ld) {
  return ConstView(data, rows, cols, Strided(ld));
}

// Asks for the `n` floats from p on to be brought into cache, one request per 64-byte line.
inline void prefetch_floats(const float* p, int64_t n) {
  for (int64_t i = 0; i < n; i += 16) Eigen::internal::prefetch(p + i);
}

// How many rows ahead of the one it works on a step loop asks for a row's data.
constexpr int64_t kRowsAhead = 2;

// [begin, end) of part `index` when `total` items are split into `parts` nearly equal parts.
struct Range {
  int64_t begin;
  int64_t size;
};
inline Range split(int64_t total, int parts, int index) {
  int64_t begin = total * index / parts;
  int64_t end = total * (index + 1) / parts;
  return {begin, end - begin};
}

inline int parts_for(int64_t total, int threads) {
  return static_cast<int>(total < threads ? total : threads);
}

// out[:, 0:cols] = x · kernel + bias for all T*B rows; out has leading dimension ld.
inline void input_projection(const Problem& p, const float* x, const float* kernel, const float* bias, int64_t cols,
                             float* out, int64_t ld) {
  const int64_t rows = p.steps * p.batch;
  const int parts = parts_for(rows, p.threads);
  ConstView k = view(kernel, p.input_dim, cols, cols);
  RowVec b(bias, cols);
  parallel_for(parts, p.threads, [&](int part) {
    Range r = split(rows, parts, part);
    View o = view(out + r.begin * ld, r.size, cols, ld);
    o.noalias() = view(x + r.begin * p.input_dim, r.size, p.input_dim, p.input_dim) * k;
    o.rowwise() += b;
  });
}

// Inputs up to this many features (a first layer reading a few columns of a file) are projected
// row by row inside a cell's step loop, while the row is in cache, and their gradients are taken
// there too: as products over the whole sequence, matrices this thin ran far below the machine's
// peak, and the extra passes over the sequence cost more than the arithmetic.
constexpr int64_t kNarrowInput = 16;

// out[0:cols] = x · kernel + bias for one row of N features (N known when compiled, for the
// usual few, so that the loop is unrolled and its broadcasts kept in registers; else N = 0 and
// `inputs` at run time), in one pass over the row: a pass per feature loaded and stored it each time.
template <int N>
inline void narrow_projection_row_n(int64_t inputs, int64_t cols, const float* x, const float* kernel,
                                    const float* bias, float* out) {
  using namespace Eigen::internal;
  const int64_t n = N > 0 ? N : inputs;
  // The row's features, each broadcast once for every block of columns.
  Packet xs[N > 0 ? N : kNarrowInput];
  for (int64_t i = 0; i < n; ++i) xs[i] = pset1<Packet>(x[i]);
  int64_t c = 0;
  for (; c + kPacket <= cols; c += kPacket) {
    Packet acc = ploadu<Packet>(bias + c);
    for (int64_t i = 0; i < n; ++i) acc = pmadd(xs[i], ploadu<Packet>(kernel + i * cols + c), acc);
    pstoreu(out + c, acc);
  }
  for (; c < cols; ++c) {
    float acc = bias[c];
    for (int64_t i = 0; i < n; ++i) acc += x[i] * kernel[i * cols + c];
    out[c] = acc;
  }
}

// For one row of N features (as narrow_projection_row_n): dx = dz · kernelᵀ (with `add`, added to
// dx) in one pass over dz, the products summed per feature in registers and reduced at the end.
template <int N>
inline void narrow_input_gradient_row_n(int64_t inputs, int64_t cols, const float* kernel, const float* dz, float* dx,
                                        bool add) {
  using namespace Eigen::internal;
  const int64_t n = N > 0 ? N : inputs;
  Packet sums[N > 0 ? N : kNarrowInput];
  for (int64_t i = 0; i < n; ++i) sums[i] = pset1<Packet>(0.0f);
  int64_t c = 0;
  for (; c + kPacket <= cols; c += kPacket) {
    const Packet d = ploadu<Packet>(dz + c);
    for (int64_t i = 0; i < n; ++i) sums[i] = pmadd(d, ploadu<Packet>(kernel + i * cols + c), sums[i]);
  }
  for (int64_t i = 0; i < n; ++i) {
    float g = predux(sums[i]);
    for (int64_t r = c; r < cols; ++r) g += dz[r] * kernel[i * cols + r];
    dx[i] = add ? dx[i] + g : g;
  }
}

// dkernel += xᵀ · dz and dbias += the column sums of dz over `rows` rows of N features (x rows
// `inputs` apart, dz rows `ldz` apart), the rows in order. Each block of columns of both gradients
// stays in registers while every row adds into it: taken row by row, the whole kernel gradient was
// loaded and stored again for every row.
template <int N>
inline void narrow_weight_gradients_n(int64_t inputs, int64_t cols, const float* x, const float* dz, int64_t ldz,
                                      int64_t rows, float* dkernel, float* dbias) {
  using namespace Eigen::internal;
  const int64_t n = N > 0 ? N : inputs;
  Packet acc[N > 0 ? N : kNarrowInput];
  int64_t c = 0;
  for (; c + kPacket <= cols; c += kPacket) {
    Packet bias_sum = ploadu<Packet>(dbias + c);
    for (int64_t i = 0; i < n; ++i) acc[i] = ploadu<Packet>(dkernel + i * cols + c);
    for (int64_t r = 0; r < rows; ++r) {
      const Packet d = ploadu<Packet>(dz + r * ldz + c);
      const float* xr = x + r * inputs;
      bias_sum = padd(bias_sum, d);
      for (int64_t i = 0; i < n; ++i) acc[i] = pmadd(pset1<Packet>(xr[i]), d, acc[i]);
    }
    pstoreu(dbias + c, bias_sum);
    for (int64_t i = 0; i < n; ++i) pstoreu(dkernel + i * cols + c, acc[i]);
  }
  for (; c < cols; ++c) {
    for (int64_t r = 0; r < rows; ++r) {
      const float d = dz[r * ldz + c];
      dbias[c] += d;
      for (int64_t i = 0; i < n; ++i) dkernel[i * cols + c] += x[r * inputs + i] * d;
    }
  }
}

// A narrow input's width as a compile-time constant (0: any other width, read at run time).
template <int N>
struct NarrowWidth {
  static constexpr int value = N;
};

// Calls `f` with the NarrowWidth of `inputs`: the common widths get unrolled loops.
template <typename F>
inline void with_narrow_width(int64_t inputs, F&& f) {
  switch (inputs) {
    case 1: return f(NarrowWidth<1>{});
    case 2: return f(NarrowWidth<2>{});
    case 3: return f(NarrowWidth<3>{});
    case 4: return f(NarrowWidth<4>{});
    case 8: return f(NarrowWidth<8>{});
    default: return f(NarrowWidth<0>{});
  }
}

// out[0:cols] = x · kernel + bias for one row of `inputs` features (at most kNarrowInput).
inline void narrow_projection_row(int64_t inputs, int64_t cols, const float* x, const float* kernel, const float* bias,
                                  float* out) {
  with_narrow_width(inputs, [&](auto width) {
    narrow_projection_row_n<decltype(width)::value>(inputs, cols, x, kernel, bias, out);
  });
}

// For one row of a narrow input (at most kNarrowInput features): dx = dz · kernelᵀ (with `add`,
// added to dx).
inline void narrow_input_gradient_row(int64_t inputs, int64_t cols, const float* kernel, const float* dz, float* dx,
                                      bool add = false) {
  with_narrow_width(inputs, [&](auto width) {
    narrow_input_gradient_row_n<decltype(width)::value>(inputs, cols, kernel, dz, dx, add);
  });
}

// For `rows` rows of a narrow input (at most kNarrowInput features, rows `inputs` apart): dz added
// into the kernel gradient (dkernel += xᵀ · dz) and the bias gradient.
inline void narrow_weight_gradients(int64_t inputs, int64_t cols, const float* x, const float* dz, int64_t ldz,
                                    int64_t rows, float* dkernel, float* dbias) {
  with_narrow_width(inputs, [&](auto width) {
    narrow_weight_gradients_n<decltype(width)::value>(inputs, cols, x, dz, ldz, rows, dkernel, dbias);
  });
}

// out[acols, bcols] = aᵀ · b over `rows` rows, split by columns of b across threads. With no rows
// (a one-step sequence has no previous states) the product is zero.
inline void transposed_product(const Problem& p, const float* a, int64_t lda, int64_t acols, const float* b,
                               int64_t ldb, int64_t bcols, int64_t rows, float* out, int64_t ldo) {
  if (rows == 0) {
    view(out, acols, bcols, ldo).setZero();
    return;
  }
  const int parts = parts_for(bcols, p.threads);
  ConstView av = view(a, rows, acols, lda);
  parallel_for(parts, p.threads, [&](int part) {
    Range c = split(bcols, parts, part);
    view(out + c.begin, acols, c.size, ldo).noalias() = av.transpose() * view(b + c.begin, rows, c.size, ldb);
  });
}

// out[cols] = column sums of m [rows, cols].
inline void column_sums(const float* m, int64_t ld, int64_t rows, int64_t cols, float* out) {
  Eigen::Map<Eigen::Matrix<float, 1, Eigen::Dynamic>> o(out, cols);
  o = view(m, rows, cols, ld).colwise().sum();
}

// dx = dz · kernelᵀ for every row, split by rows across threads.
inline void input_gradient(const Problem& p, const float* dz, int64_t ldz, const float* kernel, int64_t cols,
                           float* dx) {
  const int64_t rows = p.steps * p.batch;
  const int parts = parts_for(rows, p.threads);
  ConstView k = view(kernel, p.input_dim, cols, cols);
  parallel_for(parts, p.threads, [&](int part) {
    Range r = split(rows, parts, part);
    view(dx + r.begin * p.input_dim, r.size, p.input_dim, p.input_dim).noalias() =
        view(dz + r.begin * ldz, r.size, cols, ldz) * k.transpose();
  });
}

// Runs fn(rows) on every thread's share of the batch. Batch rows never interact in a recurrent
// layer, so each share runs its whole sequence without waiting for the others.
template <typename Fn>
inline void for_batch_shares(const Problem& p, Fn fn) {
  const int parts = parts_for(p.batch, p.threads);
  parallel_for(parts, p.threads, [&](int part) { fn(split(p.batch, parts, part)); });
}

// How many shares for_batch_parts splits the batch into.
inline int batch_parts(const Problem& p) { return parts_for(p.batch, p.threads); }

// As for_batch_shares, with each share's index in [0, batch_parts(p)) (for per-share sums).
template <typename Fn>
inline void for_batch_parts(const Problem& p, Fn fn) {
  const int parts = batch_parts(p);
  parallel_for(parts, p.threads, [&](int part) { fn(part, split(p.batch, parts, part)); });
}

// out[0:cols] = the sum of `parts` rows of `cols` floats, `ld` apart.
inline void sum_parts(const float* sums, int parts, int64_t ld, int64_t cols, float* out) {
  Vec o(out, cols);
  o = ConstVec(sums, cols);
  for (int part = 1; part < parts; ++part) o += ConstVec(sums + part * ld, cols);
}

// The first float at or after p on a 64-byte boundary (Eigen's matrix kernel reads its packed
// operands with aligned loads).
inline float* align64(float* p) {
  const uintptr_t address = reinterpret_cast<uintptr_t>(p);
  return reinterpret_cast<float*>((address + 63) & ~static_cast<uintptr_t>(63));
}

// Floats to round each packed block up to, so that every block starts on a 64-byte boundary.
inline int64_t round_up16(int64_t n) { return (n + 15) & ~static_cast<int64_t>(15); }

// A weight matrix W [K, M] that every step of a sequence multiplies, z[n, M] += h[n, K] · W, packed
// once per call into the panels Eigen's matrix kernel reads. An Eigen product packs both operands
// again at every call, and at every step the weight is by far the larger one (the recurrent kernel
// of an LSTM(256) is 1 MB, a thread's share of the hidden states 32 KB): packing it once per call
// instead of once per step leaves the step loop the arithmetic, the packing of the small h and
// the same kernel and cache blocking Eigen itself would run.
//
// The weight is given as stored: `w` is [K, M] row-major, or with `transposed` [M, K] row-major
// (W = wᵀ: the recurrent kernel in the backward pass), `ld` floats apart (a block of columns of a
// wider matrix, as GRU's gates are). Uses Eigen's internal packing and kernel
// (gemm_pack_lhs, gemm_pack_rhs, gebp_kernel) as its general_matrix_matrix_product composes them.
class PackedWeight {
 public:
  using Index = Eigen::Index;
  using Traits = Eigen::internal::gebp_traits<float, float>;
  using ResMapper = Eigen::internal::blas_data_mapper<float, Index, Eigen::ColMajor, Eigen::Unaligned, 1>;
  using RhsMapper = Eigen::internal::const_blas_data_mapper<float, Index, Eigen::ColMajor>;

  // Floats `storage` must hold for a weight of k × m.
  static int64_t storage_size(int64_t k, int64_t m) {
    if (k == 0 || m == 0) return 0;
    Index kc = k, mc = m, nc = 64;
    Eigen::internal::computeProductBlockingSizes<float, float, 1>(kc, mc, nc, Index(1));
    const int64_t blocks = ((m + mc - 1) / mc) * ((k + kc - 1) / kc);
    return k * m + 16 * blocks + 16;
  }

  // Packs w into storage (storage_size(k, m) floats, owned by the caller and kept while this is used).
  // A weight with no rows or columns packs nothing and adds nothing.
  PackedWeight(const float* w, int64_t k, int64_t m, int64_t ld, bool transposed, float* storage) : k_(k), m_(m) {
    if (k == 0 || m == 0) return;
    Index kc = k, mc = m, nc = 64;
    Eigen::internal::computeProductBlockingSizes<float, float, 1>(kc, mc, nc, Index(1));
    kc_ = kc;
    mc_ = mc;
    packed_ = align64(storage);
    float* block = packed_;
    for (int64_t i2 = 0; i2 < m_; i2 += mc_) {
      const int64_t rows = std::min(mc_, m_ - i2);
      for (int64_t k2 = 0; k2 < k_; k2 += kc_) {
        const int64_t depth = std::min(kc_, k_ - k2);
        if (transposed) {
          // W = wᵀ, so the kernel's left operand Wᵀ [M, K] is w itself, row-major.
          using Mapper = Eigen::internal::const_blas_data_mapper<float, Index, Eigen::RowMajor>;
          Eigen::internal::gemm_pack_lhs<float, Index, Mapper, Traits::mr, Traits::LhsProgress,
                                         Traits::LhsPacket4Packing, Eigen::RowMajor>
              pack;
          pack(block, Mapper(w, ld).getSubMapper(i2, k2), depth, rows);
        } else {
          // Wᵀ [M, K] is the row-major w [K, M] read column-major.
          using Mapper = Eigen::internal::const_blas_data_mapper<float, Index, Eigen::ColMajor>;
          Eigen::internal::gemm_pack_lhs<float, Index, Mapper, Traits::mr, Traits::LhsProgress,
                                         Traits::LhsPacket4Packing, Eigen::ColMajor>
              pack;
          pack(block, Mapper(w, ld).getSubMapper(i2, k2), depth, rows);
        }
        block += round_up16(rows * depth);
      }
    }
  }

  // Floats `scratch` must hold for multiply_add over n rows.
  int64_t scratch_size(int64_t n) const { return kc_ == 0 ? 0 : k_ * n + 16 * ((k_ + kc_ - 1) / kc_) + 16; }

  // z[n, M] (leading dimension ldz) += h[n, K] (leading dimension ldh) · W; `scratch` holds
  // scratch_size(n) floats (the packed h).
  void multiply_add(const float* h, int64_t ldh, int64_t n, float* z, int64_t ldz, float* scratch) const {
    if (kc_ == 0 || n == 0) return;
    // In Eigen's column-major terms: zᵀ [M, n] += Wᵀ [M, K] · hᵀ [K, n].
    Eigen::internal::gemm_pack_rhs<float, Index, RhsMapper, Traits::nr, Eigen::ColMajor> pack;
    Eigen::internal::gebp_kernel<float, float, Index, ResMapper, Traits::mr, Traits::nr, false, false> gebp;
    float* packed_h = align64(scratch);
    float* block = packed_h;
    for (int64_t k2 = 0; k2 < k_; k2 += kc_) {
      const int64_t depth = std::min(kc_, k_ - k2);
      pack(block, RhsMapper(h, ldh).getSubMapper(k2, 0), depth, n);
      block += round_up16(depth * n);
    }
    ResMapper res(z, ldz);
    const float* a = packed_;
    for (int64_t i2 = 0; i2 < m_; i2 += mc_) {
      const int64_t rows = std::min(mc_, m_ - i2);
      const float* b = packed_h;
      for (int64_t k2 = 0; k2 < k_; k2 += kc_) {
        const int64_t depth = std::min(kc_, k_ - k2);
        gebp(res.getSubMapper(i2, 0), a, b, rows, depth, n, 1.0f);
        a += round_up16(rows * depth);
        b += round_up16(depth * n);
      }
    }
  }

 private:
  int64_t k_, m_, kc_ = 0, mc_ = 0;
  float* packed_ = nullptr;
};
