// Where step t of sample b sits in the caller's arrays. The kernels work time-major (row
// t * batch + b); tfjs tensors are batch-major ([batch, steps, features]) and the backward
// direction of a bidirectional layer reads the sequence from its end. Doing both here, while the
// data is copied anyway, spares TensorFlow a transpose and a reverse each way (and their
// gradients) per layer and direction.
#pragma once

#include <cstdint>
#include <cstring>

namespace rnn {

struct SequenceLayout {
  int64_t steps;
  int64_t batch;
  bool batch_major;  // [batch, steps, width] instead of [steps, batch, width]
  bool reversed;     // kernel step t is the caller's step steps-1-t

  // The caller's row for kernel step t of sample b.
  int64_t row(int64_t t, int64_t b) const {
    const int64_t s = reversed ? steps - 1 - t : t;
    return batch_major ? b * steps + s : s * batch + b;
  }
  // True when the caller's rows are already the kernels' rows.
  bool is_kernel_order() const { return !reversed && (!batch_major || steps == 1 || batch == 1); }
};

// Where one call's `width` floats sit in each of the caller's rows: rows may be wider than the
// call's own part (both directions of a bidirectional layer write their halves of one joined
// output, and read their halves of its gradient).
struct RowSlice {
  int64_t stride;  // floats per caller row
  int64_t offset;  // where this call's floats start in a row
};

// Caller's layout → time-major rows of `width` floats.
inline void to_kernel_order(const SequenceLayout& l, const float* from, float* to, int64_t width, RowSlice s) {
  const size_t bytes = static_cast<size_t>(width) * sizeof(float);
  for (int64_t t = 0; t < l.steps; ++t) {
    for (int64_t b = 0; b < l.batch; ++b) {
      std::memcpy(to + (t * l.batch + b) * width, from + l.row(t, b) * s.stride + s.offset, bytes);
    }
  }
}

inline void to_kernel_order(const SequenceLayout& l, const float* from, float* to, int64_t width) {
  to_kernel_order(l, from, to, width, {width, 0});
}

// Time-major rows → the caller's layout; with `add`, added to what the caller's array holds.
inline void from_kernel_order(const SequenceLayout& l, const float* from, float* to, int64_t width, RowSlice s,
                              bool add) {
  const size_t bytes = static_cast<size_t>(width) * sizeof(float);
  for (int64_t t = 0; t < l.steps; ++t) {
    for (int64_t b = 0; b < l.batch; ++b) {
      const float* src = from + (t * l.batch + b) * width;
      float* dst = to + l.row(t, b) * s.stride + s.offset;
      if (add) {
        for (int64_t j = 0; j < width; ++j) dst[j] += src[j];
      } else {
        std::memcpy(dst, src, bytes);
      }
    }
  }
}

inline void from_kernel_order(const SequenceLayout& l, const float* from, float* to, int64_t width) {
  from_kernel_order(l, from, to, width, {width, 0}, false);
}

}  // namespace rnn
