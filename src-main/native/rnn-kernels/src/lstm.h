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

// Workspace row: [z 4U | gates 4U | c U | act(c) U].
inline void lstm_forward(const Problem& p, const ForwardArgs& a) {
  const int64_t T = p.steps, B = p.batch, U = p.units, G = 4 * U, W = 10 * U;
  const bool standard = p.activation == Activation::Tanh && p.recurrent_activation == Activation::Sigmoid;
  float* ws = a.workspace;
  input_projection(p, a.x, a.kernel, a.bias, G, ws, W);
  ConstView recurrent = view(a.recurrent, U, G, G);
  for_batch_shares(p, [&](Range b) {
    float* zeros = thread_scratch(6, U);  // the cell state before the first step
    Vec(zeros, U).setZero();
    for (int64_t t = 0; t < T; ++t) {
      const int64_t row0 = t * B + b.begin;
      if (t > 0) view(ws + row0 * W, b.size, G, W).noalias() += view(a.h + (row0 - B) * U, b.size, U, U) * recurrent;
      for (int64_t j = 0; j < b.size; ++j) {
        float* z = ws + (row0 + j) * W;
        if (standard) {
          const float* c_prev = t > 0 ? z - B * W + 2 * G : zeros;
          lstm_forward_row_standard(U, z, c_prev, z + G, a.h + (row0 + j) * U);
          continue;
        }
        float* gates = z + G;
        float* c = gates + G;
        float* tc = c + U;
        activate(p.recurrent_activation, z, gates, 2 * U);
        activate(p.activation, z + 2 * U, gates + 2 * U, U);
        activate(p.recurrent_activation, z + 3 * U, gates + 3 * U, U);
        Vec cell(c, U);
        cell = ConstVec(gates, U) * ConstVec(gates + 2 * U, U);
        if (t > 0) cell += ConstVec(gates + U, U) * ConstVec(c - B * W, U);
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

inline void lstm_backward(const Problem& p, const BackwardArgs& a) {
  const int64_t T = p.steps, B = p.batch, U = p.units, G = 4 * U, W = 10 * U;
  const bool standard = p.activation == Activation::Tanh && p.recurrent_activation == Activation::Sigmoid;
  const float* ws = a.workspace;
  float* dz = thread_scratch(0, T * B * G);
  ConstView recurrent = view(a.recurrent, U, G, G);
  for_batch_shares(p, [&](Range b) {
    float* dh_next = thread_scratch(2, b.size * U);
    float* dc_next = thread_scratch(3, b.size * U);
    float* dh = thread_scratch(4, U);
    float* dc = thread_scratch(5, U);
    float* zeros = thread_scratch(6, U);  // the cell state before the first step
    Vec(zeros, U).setZero();
    Vec(dh_next, b.size * U).setZero();
    Vec(dc_next, b.size * U).setZero();
    for (int64_t t = T - 1; t >= 0; --t) {
      const int64_t row0 = t * B + b.begin;
      for (int64_t j = 0; j < b.size; ++j) {
        const float* z = ws + (row0 + j) * W;
        const float* c_prev = t > 0 ? z - B * W + 2 * G : zeros;
        float* d = dz + (row0 + j) * G;
        if (standard) {
          lstm_backward_row_standard(U, z + G, c_prev, a.dh + (row0 + j) * U, dh_next + j * U, dc_next + j * U, d);
          continue;
        }
        const float* gates = z + G;
        const float* c = gates + G;
        const float* tc = c + U;
        Vec dhv(dh, U), dcv(dc, U), dcn(dc_next + j * U, U);
        dhv = ConstVec(a.dh + (row0 + j) * U, U) + ConstVec(dh_next + j * U, U);
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
      if (t > 0) {
        view(dh_next, b.size, U, U).noalias() = view(dz + row0 * G, b.size, G, G) * recurrent.transpose();
      }
    }
  });
  input_gradient(p, dz, G, a.kernel, G, a.dx);
  transposed_product(p, a.x, p.input_dim, p.input_dim, dz, G, G, T * B, a.dkernel, G);
  transposed_product(p, a.h, U, U, dz + B * G, G, G, (T - 1) * B, a.drecurrent, G);
  column_sums(dz, G, T * B, G, a.dbias);
}
