// GRU over a whole sequence, forward and backward, gates z, r, h as in Keras and tfjs-layers.
// Reset before the recurrent matmul (tfjs-layers; Keras reset_after=False):
//   z = ra(x·K_z + h_prev·R_z + b_z), r = ra(x·K_r + h_prev·R_r + b_r)
//   hh = act(x·K_h + (r∘h_prev)·R_h + b_h)
// Reset after (Keras' default; bias [2, 3U]: input bias, then recurrent bias):
//   q = h_prev·R + b_rec;  z = ra(x·K_z + b_z + q_z), r = ra(x·K_r + b_r + q_r)
//   hh = act(x·K_h + b_h + r∘q_h)
// Both: h = z∘h_prev + (1 − z)∘hh. Included inside a variant namespace.
#pragma once

// Workspace row: [pre-activations 3U | z, r, hh 3U | r∘h_prev (reset before) or q_h (after) U].
inline void gru_forward(const Problem& p, const ForwardArgs& a) {
  const int64_t T = p.steps, B = p.batch, U = p.units, G = 3 * U, W = 7 * U;
  const bool after = p.cell == Cell::GruResetAfter;
  float* ws = a.workspace;
  input_projection(p, a.x, a.kernel, a.bias, G, ws, W);
  // Packed once per call (PackedWeight): all of R (reset after), or R's z and r columns and its
  // candidate's columns (reset before, where r∘h_prev meets the latter alone).
  const int64_t first_cols = after ? G : 2 * U;
  float* storage = thread_scratch(8, PackedWeight::storage_size(U, first_cols) + PackedWeight::storage_size(U, U));
  const PackedWeight recurrent_zr(a.recurrent, U, first_cols, G, false, storage);
  const PackedWeight recurrent_h(a.recurrent + 2 * U, U, after ? 0 : U, G, false,
                                 storage + PackedWeight::storage_size(U, first_cols));
  for_batch_shares(p, [&](Range b) {
    float* q = after ? thread_scratch(2, b.size * G) : nullptr;
    float* packed_h = thread_scratch(9, std::max(recurrent_zr.scratch_size(b.size), recurrent_h.scratch_size(b.size)));
    for (int64_t t = 0; t < T; ++t) {
      const int64_t row0 = t * B + b.begin;
      const float* h_prev = t > 0 ? a.h + (row0 - B) * U : nullptr;
      View pre = view(ws + row0 * W, b.size, G, W);
      if (after) {
        View qv = view(q, b.size, G, G);
        qv.rowwise() = RowVec(a.bias + G, G);
        if (h_prev) recurrent_zr.multiply_add(h_prev, U, b.size, q, G, packed_h);
        pre.leftCols(2 * U) += qv.leftCols(2 * U);
      } else if (h_prev) {
        recurrent_zr.multiply_add(h_prev, U, b.size, ws + row0 * W, W, packed_h);
      }
      for (int64_t j = 0; j < b.size; ++j) {
        float* z = ws + (row0 + j) * W;
        float* gates = z + G;
        float* extra = gates + G;
        activate(p.recurrent_activation, z, gates, 2 * U);
        Vec e(extra, U);
        if (after) {
          e = ConstVec(q + j * G + 2 * U, U);
          Vec(z + 2 * U, U) += ConstVec(gates + U, U) * e;
        } else if (h_prev) {
          e = ConstVec(gates + U, U) * ConstVec(h_prev + j * U, U);
        } else {
          e.setZero();
        }
      }
      if (!after && h_prev) {
        recurrent_h.multiply_add(ws + row0 * W + 6 * U, W, b.size, ws + row0 * W + 2 * U, W, packed_h);
      }
      for (int64_t j = 0; j < b.size; ++j) {
        float* z = ws + (row0 + j) * W;
        float* gates = z + G;
        activate(p.activation, z + 2 * U, gates + 2 * U, U);
        ConstVec update(gates, U), candidate(gates + 2 * U, U);
        Vec h(a.h + (row0 + j) * U, U);
        h = (1.0f - update) * candidate;
        if (h_prev) h += update * ConstVec(h_prev + j * U, U);
      }
    }
  });
}

// The first part of one row's backward step for tanh candidates and sigmoid gates (every fused
// layer), in single loops the compiler vectorises: d = dz/dpre for the update gate and the
// candidate (and, reset after, the reset gate and dq), and h_prev's direct share of dh.
inline void gru_backward_row_standard(int64_t U, bool after, const float* RNN_RESTRICT gates,
                                      const float* RNN_RESTRICT h_prev, const float* RNN_RESTRICT dy,
                                      const float* RNN_RESTRICT dh_next, float* RNN_RESTRICT dh_prev,
                                      float* RNN_RESTRICT d, float* RNN_RESTRICT dq) {
  const float* zg = gates;
  const float* rg = gates + U;
  const float* hh = gates + 2 * U;
  for (int64_t u = 0; u < U; ++u) {
    const float dh = dy[u] + dh_next[u];
    d[2 * U + u] = dh * (1.0f - zg[u]) * (1.0f - hh[u] * hh[u]);
    d[u] = dh * (h_prev[u] - hh[u]) * zg[u] * (1.0f - zg[u]);
    dh_prev[u] = dh * zg[u];
  }
  if (!after) return;
  const float* q_h = gates + 3 * U;
  for (int64_t u = 0; u < U; ++u) {
    d[U + u] = d[2 * U + u] * q_h[u] * rg[u] * (1.0f - rg[u]);
    dq[u] = d[u];
    dq[U + u] = d[U + u];
    dq[2 * U + u] = d[2 * U + u] * rg[u];
  }
}

inline void gru_backward(const Problem& p, const BackwardArgs& a) {
  const int64_t T = p.steps, B = p.batch, U = p.units, G = 3 * U, W = 7 * U;
  const bool after = p.cell == Cell::GruResetAfter;
  const bool standard = p.activation == Activation::Tanh && p.recurrent_activation == Activation::Sigmoid;
  const float* ws = a.workspace;
  // Gradients of the input-side pre-activations, and (reset after) of q = h_prev·R + b_rec.
  float* dx_side = thread_scratch(0, T * B * G);
  float* dq = after ? thread_scratch(1, T * B * G) : nullptr;
  // Rᵀ packed once per call: all of it (reset after), or the z and r columns' and the candidate's
  // (reset before).
  const int64_t first_rows = after ? G : 2 * U;
  float* storage = thread_scratch(8, PackedWeight::storage_size(first_rows, U) + PackedWeight::storage_size(U, U));
  const PackedWeight recurrent_zr_t(a.recurrent, first_rows, U, G, true, storage);
  const PackedWeight recurrent_h_t(a.recurrent + 2 * U, after ? 0 : U, U, G, true,
                                   storage + PackedWeight::storage_size(first_rows, U));
  for_batch_shares(p, [&](Range b) {
    float* packed_d =
        thread_scratch(9, std::max(recurrent_zr_t.scratch_size(b.size), recurrent_h_t.scratch_size(b.size)));
    float* dh_next = thread_scratch(2, b.size * U);
    float* dh_prev = thread_scratch(3, b.size * U);
    float* d_reset_h = thread_scratch(4, b.size * U);
    float* dh = thread_scratch(5, U);
    float* zeros = thread_scratch(6, U);  // the state before the first step
    Vec(zeros, U).setZero();
    Vec(dh_next, b.size * U).setZero();
    for (int64_t t = T - 1; t >= 0; --t) {
      const int64_t row0 = t * B + b.begin;
      const float* h_prev = t > 0 ? a.h + (row0 - B) * U : nullptr;
      for (int64_t j = 0; j < b.size; ++j) {
        if (standard) {
          gru_backward_row_standard(U, after, ws + (row0 + j) * W + G, h_prev ? h_prev + j * U : zeros,
                                    a.dh + (row0 + j) * U, dh_next + j * U, dh_prev + j * U,
                                    dx_side + (row0 + j) * G, after ? dq + (row0 + j) * G : nullptr);
          continue;
        }
        const float* z = ws + (row0 + j) * W;
        const float* gates = z + G;
        const float* extra = gates + G;
        float* d = dx_side + (row0 + j) * G;
        ConstVec update(gates, U), candidate(gates + 2 * U, U);
        Vec dhv(dh, U);
        dhv = ConstVec(a.dh + (row0 + j) * U, U) + ConstVec(dh_next + j * U, U);
        Vec(d + 2 * U, U) = dhv * (1.0f - update);
        activation_grad(p.activation, z + 2 * U, candidate.data(), d + 2 * U, d + 2 * U, U);
        // The update gate's gradient before its activation; h_prev is zero at the first step.
        if (h_prev) {
          Vec(d, U) = dhv * (ConstVec(h_prev + j * U, U) - candidate);
        } else {
          Vec(d, U) = -dhv * candidate;
        }
        Vec(dh_prev + j * U, U) = dhv * update;
        if (after) {
          // r∘q_h: the reset gate sees q_h, and q_h sees r.
          Vec(d + U, U) = ConstVec(d + 2 * U, U) * ConstVec(extra, U);
          activation_grad(p.recurrent_activation, z, gates, d, d, 2 * U);
          float* dqr = dq + (row0 + j) * G;
          Vec(dqr, 2 * U) = ConstVec(d, 2 * U);
          Vec(dqr + 2 * U, U) = ConstVec(d + 2 * U, U) * ConstVec(gates + U, U);
        }
      }
      if (after) {
        if (h_prev) {
          recurrent_zr_t.multiply_add(dq + row0 * G, G, b.size, dh_prev, U, packed_d);
        }
      } else {
        // Reset before: the candidate's recurrent input is (r∘h_prev)·R_h.
        if (h_prev) {
          Vec(d_reset_h, b.size * U).setZero();
          recurrent_h_t.multiply_add(dx_side + row0 * G + 2 * U, G, b.size, d_reset_h, U, packed_d);
        }
        for (int64_t j = 0; j < b.size; ++j) {
          float* d = dx_side + (row0 + j) * G;
          const float* gates = ws + (row0 + j) * W + G;
          if (standard) {
            // The update gate's derivative is already applied; the reset gate's follows here.
            const float* r = gates + U;
            const float* hp = h_prev ? h_prev + j * U : zeros;
            const float* drh = d_reset_h + j * U;
            float* dhp = dh_prev + j * U;
            if (!h_prev) {
              for (int64_t u = 0; u < U; ++u) d[U + u] = 0.0f;
              continue;
            }
            for (int64_t u = 0; u < U; ++u) {
              d[U + u] = drh[u] * hp[u] * r[u] * (1.0f - r[u]);
              dhp[u] += drh[u] * r[u];
            }
            continue;
          }
          if (h_prev) {
            ConstVec drh(d_reset_h + j * U, U);
            Vec(d + U, U) = drh * ConstVec(h_prev + j * U, U);
            Vec(dh_prev + j * U, U) += drh * ConstVec(gates + U, U);
          } else {
            Vec(d + U, U).setZero();
          }
          activation_grad(p.recurrent_activation, ws + (row0 + j) * W, gates, d, d, 2 * U);
        }
        if (h_prev) {
          recurrent_zr_t.multiply_add(dx_side + row0 * G, G, b.size, dh_prev, U, packed_d);
        }
      }
      std::swap(dh_next, dh_prev);
    }
  });
  input_gradient(p, dx_side, G, a.kernel, G, a.dx);
  transposed_product(p, a.x, p.input_dim, p.input_dim, dx_side, G, G, T * B, a.dkernel, G);
  column_sums(dx_side, G, T * B, G, a.dbias);
  if (after) {
    transposed_product(p, a.h, U, U, dq + B * G, G, G, (T - 1) * B, a.drecurrent, G);
    column_sums(dq, G, T * B, G, a.dbias + G);
  } else {
    transposed_product(p, a.h, U, U, dx_side + B * G, G, 2 * U, (T - 1) * B, a.drecurrent, G);
    // r∘h_prev is zero at the first step, so all rows can take part.
    transposed_product(p, ws + 6 * U, W, U, dx_side + 2 * U, G, U, T * B, a.drecurrent + 2 * U, G);
  }
}
