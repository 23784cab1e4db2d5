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

// out[0:cols] = x · kernel + bias for one row of `inputs` features.
inline void narrow_projection_row(int64_t inputs, int64_t cols, const float* x, const float* kernel, const float* bias,
                                  float* out) {
  Vec o(out, cols);
  o = ConstVec(bias, cols);
  for (int64_t i = 0; i < inputs; ++i) o += x[i] * ConstVec(kernel + i * cols, cols);
}

// For one row of a narrow input: dx = dz · kernelᵀ, and dz added into the kernel gradient
// (dkernel += xᵀ · dz) and the bias gradient.
inline void narrow_gradient_row(int64_t inputs, int64_t cols, const float* x, const float* kernel, const float* dz,
                                float* dx, float* dkernel, float* dbias) {
  ConstVec d(dz, cols);
  Vec(dbias, cols) += d;
  for (int64_t i = 0; i < inputs; ++i) {
    dx[i] = (d * ConstVec(kernel + i * cols, cols)).sum();
    Vec(dkernel + i * cols, cols) += x[i] * d;
  }
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
