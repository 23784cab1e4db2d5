// SimpleRNN over a whole sequence: h = act(x·K + h_prev·R + b), forward and backward.
// Included inside a variant namespace.
#pragma once

// Workspace row: the pre-activation [U] (every activation's derivative can be taken from it).
inline void simple_rnn_forward(const Problem& p, const ForwardArgs& a) {
  const int64_t T = p.steps, B = p.batch, U = p.units;
  float* ws = a.workspace;
  input_projection(p, a.x, a.kernel, a.bias, U, ws, U);
  ConstView recurrent = view(a.recurrent, U, U, U);
  for_batch_shares(p, [&](Range b) {
    for (int64_t t = 0; t < T; ++t) {
      const int64_t row0 = t * B + b.begin;
      if (t > 0) view(ws + row0 * U, b.size, U, U).noalias() += view(a.h + (row0 - B) * U, b.size, U, U) * recurrent;
      activate(p.activation, ws + row0 * U, a.h + row0 * U, b.size * U);
    }
  });
}

inline void simple_rnn_backward(const Problem& p, const BackwardArgs& a) {
  const int64_t T = p.steps, B = p.batch, U = p.units;
  float* dz = thread_scratch(0, T * B * U);
  ConstView recurrent = view(a.recurrent, U, U, U);
  for_batch_shares(p, [&](Range b) {
    float* dh_next = thread_scratch(2, b.size * U);
    Vec(dh_next, b.size * U).setZero();
    const int64_t n = b.size * U;
    for (int64_t t = T - 1; t >= 0; --t) {
      const int64_t row0 = t * B + b.begin;
      float* d = dz + row0 * U;
      Vec(d, n) = ConstVec(a.dh + row0 * U, n) + ConstVec(dh_next, n);
      activation_grad(p.activation, a.workspace + row0 * U, a.h + row0 * U, d, d, n);
      if (t > 0) view(dh_next, b.size, U, U).noalias() = view(d, b.size, U, U) * recurrent.transpose();
    }
  });
  input_gradient(p, dz, U, a.kernel, U, a.dx);
  transposed_product(p, a.x, p.input_dim, p.input_dim, dz, U, U, T * B, a.dkernel, U);
  transposed_product(p, a.h, U, U, dz + B * U, U, U, (T - 1) * B, a.drecurrent, U);
  column_sums(dz, U, T * B, U, a.dbias);
}
