// LSTM over a whole sequence, forward and backward (BPTT), gates i, f, c, o as in Keras:
//   z = x·K + h_prev·R + b;  i = ra(z_i), f = ra(z_f), g = act(z_c), o = ra(z_o)
//   c = f∘c_prev + i∘g;      h = o∘act(c)
// Each thread runs the whole sequence for its share of the batch (rows are independent), so
// threads meet only between the phases, never per step. Included inside a variant namespace.
#pragma once

// One step of the standard cell (tanh, sigmoid gates) for `n` units at once: T is a packet or a
// float. Reads the pre-activations z (gate blocks U apart) and the previous cell state; writes
// the gates i, f, g, o, the cell state and act(c) (workspace layout, U apart) and h.
template <typename T>
inline void lstm_forward_units(int64_t U, const float* z, const float* c_prev, float* gates, float* h) {
  using namespace Eigen::internal;
  const T i = sigmoid_of(ploadu<T>(z));
  const T f = sigmoid_of(ploadu<T>(z + U));
  const T g = tanh_of(ploadu<T>(z + 2 * U));
  const T o = sigmoid_of(ploadu<T>(z + 3 * U));
  const T c = pmadd(f, ploadu<T>(c_prev), pmul(i, g));
  const T tc = tanh_of(c);
  pstoreu(gates, i);
  pstoreu(gates + U, f);
  pstoreu(gates + 2 * U, g);
  pstoreu(gates + 3 * U, o);
  pstoreu(gates + 4 * U, c);
  pstoreu(gates + 5 * U, tc);
  pstoreu(h, pmul(o, tc));
}

// One row of one forward step for tanh cells and sigmoid gates (every fused layer) in a single
// pass of packets; the general path below takes seven passes over the row.
inline void lstm_forward_row_standard(int64_t U, const float* z, const float* c_prev, float* gates, float* h) {
  int64_t u = 0;
  for (; u + kPacket <= U; u += kPacket) lstm_forward_units<Packet>(U, z + u, c_prev + u, gates + u, h + u);
  for (; u < U; ++u) lstm_forward_units<float>(U, z + u, c_prev + u, gates + u, h + u);
}

// Workspace row for tanh cells and sigmoid gates (every fused layer): [gates 4U | c U | act(c) U];
// their pre-activations z live only for one step, in a scratch block per share of the batch, so
// a training pass writes 6U floats per row that its backward pass reads, instead of 10U. Other
// activations need z for their gradients and keep it in the row: [z 4U | gates 4U | c U | act(c) U]
// (workspace_per_row in sizes.cc).
inline bool lstm_is_standard(const Problem& p) {
  return p.activation == Activation::Tanh && p.recurrent_activation == Activation::Sigmoid;
}

inline void lstm_forward(const Problem& p, const ForwardArgs& a) {
  const int64_t T = p.steps, B = p.batch, U = p.units, G = 4 * U, I = p.input_dim, W = workspace_per_row(p);
  const bool standard = lstm_is_standard(p);
  const bool narrow = I <= kNarrowInput;
  const int64_t gates_at = standard ? 0 : G;  // where a workspace row's gates start
  float* ws = a.workspace;
  // For the general cell a wide input is projected for the whole sequence at once, into the
  // workspace rows; the standard cell projects each step's rows into a block of its share, with
  // the kernel packed once per call as the recurrent kernel is, so the pre-activations of the
  // whole sequence are never written out.
  if (!narrow && !standard) input_projection(p, a.x, a.kernel, a.bias, G, ws, W);
  const PackedWeight recurrent(a.recurrent, U, G, G, false, thread_scratch(8, PackedWeight::storage_size(U, G)));
  const bool step_projection = standard && !narrow;
  const PackedWeight kernel(a.kernel, step_projection ? I : 0, G, G, false,
                            thread_scratch(0, step_projection ? PackedWeight::storage_size(I, G) : 0));
  for_batch_shares(p, [&](Range b) {
    float* zeros = thread_scratch(6, U);  // the cell state before the first step
    Vec(zeros, U).setZero();
    float* z_block = standard ? thread_scratch(5, b.size * G) : nullptr;
    float* packed_h = thread_scratch(9, std::max(recurrent.scratch_size(b.size), kernel.scratch_size(b.size)));
    for (int64_t t = 0; t < T; ++t) {
      const int64_t row0 = t * B + b.begin;
      // This step's pre-activations: x·K + b, then h_prev·R added.
      float* z0 = standard ? z_block : ws + row0 * W;
      const int64_t ldz = standard ? G : W;
      if (narrow) {
        for (int64_t j = 0; j < b.size; ++j) {
          narrow_projection_row(I, G, a.x + (row0 + j) * I, a.kernel, a.bias, z0 + j * ldz);
        }
      } else if (step_projection) {
        view(z0, b.size, G, G).rowwise() = RowVec(a.bias, G);
        kernel.multiply_add(a.x + row0 * I, I, b.size, z0, G, packed_h);
      }
      if (t > 0) recurrent.multiply_add(a.h + (row0 - B) * U, U, b.size, z0, ldz, packed_h);
      for (int64_t j = 0; j < b.size; ++j) {
        float* gates = ws + (row0 + j) * W + gates_at;
        const float* c_prev = t > 0 ? gates - B * W + G : zeros;
        if (standard) {
          lstm_forward_row_standard(U, z0 + j * ldz, c_prev, gates, a.h + (row0 + j) * U);
          continue;
        }
        float* z = z0 + j * ldz;
        float* c = gates + G;
        float* tc = c + U;
        activate(p.recurrent_activation, z, gates, 2 * U);
        activate(p.activation, z + 2 * U, gates + 2 * U, U);
        activate(p.recurrent_activation, z + 3 * U, gates + 3 * U, U);
        Vec cell(c, U);
        cell = ConstVec(gates, U) * ConstVec(gates + 2 * U, U);
        if (t > 0) cell += ConstVec(gates + U, U) * ConstVec(c_prev, U);
        activate(p.activation, c, tc, U);
        Vec(a.h + (row0 + j) * U, U) = ConstVec(gates + 3 * U, U) * ConstVec(tc, U);
      }
    }
  });
}

// One row of one backward step for tanh cells and sigmoid gates (every fused layer) in a single
// loop the compiler vectorises; the general path below takes a dozen passes over the row.
// Reads the row's gates i, f, g, o and act(c) (workspace layout), writes d = dz/dpre [4U] and
// the cell-state gradient carried to the previous step.
inline void lstm_backward_row_standard(int64_t U, const float* RNN_RESTRICT gates, const float* RNN_RESTRICT c_prev,
                                       const float* RNN_RESTRICT dy, const float* RNN_RESTRICT dh_next,
                                       float* RNN_RESTRICT dc_next, float* RNN_RESTRICT d) {
  const float* i = gates;
  const float* f = gates + U;
  const float* g = gates + 2 * U;
  const float* o = gates + 3 * U;
  const float* tc = gates + 5 * U;
  for (int64_t u = 0; u < U; ++u) {
    const float dh = dy[u] + dh_next[u];
    const float dc = dh * o[u] * (1.0f - tc[u] * tc[u]) + dc_next[u];
    d[u] = dc * g[u] * i[u] * (1.0f - i[u]);
    d[U + u] = dc * c_prev[u] * f[u] * (1.0f - f[u]);
    d[2 * U + u] = dc * i[u] * (1.0f - g[u] * g[u]);
    d[3 * U + u] = dh * tc[u] * o[u] * (1.0f - o[u]);
    dc_next[u] = dc * f[u];
  }
}

// One row of one backward step for any activations: as lstm_backward_row_standard, through the
// pre-activations z; dh and dc are scratch rows [U].
inline void lstm_backward_row_general(const Problem& p, const float* z, const float* c_prev, const float* dy,
                                      const float* dh_next, float* dc_next, float* dh, float* dc, float* d) {
  const int64_t U = p.units, G = 4 * U;
  const float* gates = z + G;
  const float* c = gates + G;
  const float* tc = c + U;
  Vec dhv(dh, U), dcv(dc, U), dcn(dc_next, U);
  dhv = ConstVec(dy, U) + ConstVec(dh_next, U);
  // Through h = o∘act(c): first into the cell state, then into the output gate.
  dcv = dhv * ConstVec(gates + 3 * U, U);
  activation_grad(p.activation, c, tc, dc, dc, U);
  dcv += dcn;
  Vec(d + 3 * U, U) = dhv * ConstVec(tc, U);
  Vec(d, U) = dcv * ConstVec(gates + 2 * U, U);
  Vec(d + U, U) = dcv * ConstVec(c_prev, U);
  Vec(d + 2 * U, U) = dcv * ConstVec(gates, U);
  dcn = dcv * ConstVec(gates + U, U);
  activation_grad(p.recurrent_activation, z, gates, d, d, 2 * U);
  activation_grad(p.activation, z + 2 * U, gates + 2 * U, d + 2 * U, d + 2 * U, U);
  activation_grad(p.recurrent_activation, z + 3 * U, gates + 3 * U, d + 3 * U, d + 3 * U, U);
}

// dz of each step feeds the bias gradient as it is made. For a narrow input, the input, kernel
// and recurrent kernel gradients are taken there too, into sums per share of the batch, so no dz
// of the whole sequence is kept; wider inputs keep it for the products over the whole sequence
// that follow the step loop.
inline void lstm_backward(const Problem& p, const BackwardArgs& a) {
  const int64_t T = p.steps, B = p.batch, U = p.units, G = 4 * U, I = p.input_dim, W = workspace_per_row(p);
  const bool standard = lstm_is_standard(p);
  const bool narrow = I <= kNarrowInput;
  const int64_t gates_at = standard ? 0 : G;
  const float* ws = a.workspace;
  float* dz = narrow ? nullptr : thread_scratch(0, T * B * G);
  // Per share: the bias gradient [G], then for a narrow input the kernel [I, G] and recurrent
  // kernel [U, G] gradients.
  const int parts = batch_parts(p);
  const int64_t share_sums = (narrow ? 1 + I + U : 1) * G;
  float* sums = thread_scratch(1, parts * share_sums);
  Vec(sums, parts * share_sums).setZero();
  // dh_prev = dz · Rᵀ at every step; for a wide input dx = dz · Kᵀ too, while dz is in cache.
  const PackedWeight recurrent_t(a.recurrent, G, U, G, true, thread_scratch(8, PackedWeight::storage_size(G, U)));
  const int64_t packed_inputs = narrow ? 0 : I;
  const PackedWeight kernel_t(a.kernel, G, packed_inputs, G, true,
                              thread_scratch(10, PackedWeight::storage_size(G, packed_inputs)));
  // Row (t, b) of dx: the kernels' own order, or the caller's layout (dx_layout).
  auto dx_row = [&](int64_t t, int64_t b) {
    return a.dx + (a.dx_layout != nullptr ? a.dx_layout->row(t, b) : t * B + b) * I;
  };
  for_batch_parts(p, [&](int part, Range b) {
    float* zeros = thread_scratch(6, U);  // the cell state before the first step; dh of a step with none
    // The loss gradient of row `row` (at step t) itself.
    auto dy_row = [&](int64_t t, int64_t row) -> const float* {
      if (!a.dh_last_only) return a.dh + row * U;
      return t == T - 1 ? a.dh + (row - t * B) * U : zeros;
    };
    float* dbias = sums + part * share_sums;
    float* dkernel = dbias + G;
    float* drecurrent = dkernel + I * G;
    float* dh_next = thread_scratch(2, b.size * U);
    float* dc_next = thread_scratch(3, b.size * U);
    float* dh = thread_scratch(4, U);
    float* dc = thread_scratch(5, U);
    float* dz_block = narrow ? thread_scratch(7, b.size * G) : nullptr;
    float* packed_d = thread_scratch(9, std::max(recurrent_t.scratch_size(b.size), kernel_t.scratch_size(b.size)));
    Vec(zeros, U).setZero();
    Vec(dh_next, b.size * U).setZero();
    Vec(dc_next, b.size * U).setZero();
    for (int64_t t = T - 1; t >= 0; --t) {
      const int64_t row0 = t * B + b.begin;
      float* d0 = narrow ? dz_block : dz + row0 * G;
      for (int64_t j = 0; j < b.size; ++j) {
        const int64_t row = row0 + j;
        const float* gates = ws + row * W + gates_at;
        const float* c_prev = t > 0 ? gates - B * W + G : zeros;
        float* d = d0 + j * G;
        if (standard) {
          // A row reads six short runs far apart (four gates, act(c), the previous cell state) and
          // its output gradient, too short for the hardware's prefetcher to follow: ask for those
          // of a row a little ahead in this loop's order (the next step's first rows at the end).
          const int64_t ahead = j + kRowsAhead < b.size ? row + kRowsAhead
                                : t > 0                 ? row0 - B + (j + kRowsAhead - b.size)
                                                        : -1;
          if (ahead >= 0) {
            const float* next = ws + ahead * W;
            prefetch_floats(next, G);
            prefetch_floats(next + G + U, U);
            if (ahead >= B) prefetch_floats(next - B * W + G, U);
            if (!a.dh_last_only) prefetch_floats(a.dh + ahead * U, U);
          }
          lstm_backward_row_standard(U, gates, c_prev, dy_row(t, row), dh_next + j * U, dc_next + j * U, d);
        } else {
          lstm_backward_row_general(p, gates - G, c_prev, dy_row(t, row), dh_next + j * U, dc_next + j * U, dh, dc, d);
        }
        if (narrow) {
          narrow_input_gradient_row(I, G, a.kernel, d, dx_row(t, b.begin + j), a.dx_add);
        } else {
          Vec(dbias, G) += ConstVec(d, G);
        }
      }
      if (narrow) {
        // The kernel and bias gradients of the step's rows at once (the rows' order kept).
        narrow_weight_gradients(I, G, a.x + row0 * I, d0, G, b.size, dkernel, dbias);
      } else {
        // This step's rows of dx, `ldx` floats apart in whichever layout dx has.
        float* dx0 = dx_row(t, b.begin);
        const int64_t ldx = b.size > 1 ? dx_row(t, b.begin + 1) - dx0 : I;
        if (!a.dx_add) view(dx0, b.size, I, ldx).setZero();
        kernel_t.multiply_add(d0, G, b.size, dx0, ldx, packed_d);
      }
      if (t > 0) {
        ConstView d_step = view(static_cast<const float*>(d0), b.size, G, G);
        if (narrow) {
          view(drecurrent, U, G, G).noalias() += view(a.h + (row0 - B) * U, b.size, U, U).transpose() * d_step;
        }
        Vec(dh_next, b.size * U).setZero();
        recurrent_t.multiply_add(d0, G, b.size, dh_next, U, packed_d);
      }
    }
  });
  sum_parts(sums, parts, share_sums, G, a.dbias);
  if (narrow) {
    sum_parts(sums + G, parts, share_sums, I * G, a.dkernel);
    sum_parts(sums + G + I * G, parts, share_sums, U * G, a.drecurrent);
    return;
  }
  transposed_product(p, a.x, I, I, dz, G, G, T * B, a.dkernel, G);
  transposed_product(p, a.h, U, U, dz + B * G, G, G, (T - 1) * B, a.drecurrent, G);
}
