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

// Caller's layout → time-major rows of `width` floats.
inline void to_kernel_order(const SequenceLayout& l, const float* from, float* to, int64_t width) {
  const size_t bytes = static_cast<size_t>(width) * sizeof(float);
  for (int64_t t = 0; t < l.steps; ++t) {
    for (int64_t b = 0; b < l.batch; ++b) std::memcpy(to + (t * l.batch + b) * width, from + l.row(t, b) * width, bytes);
  }
}

// Time-major rows → the caller's layout.
inline void from_kernel_order(const SequenceLayout& l, const float* from, float* to, int64_t width) {
  const size_t bytes = static_cast<size_t>(width) * sizeof(float);
  for (int64_t t = 0; t < l.steps; ++t) {
    for (int64_t b = 0; b < l.batch; ++b) std::memcpy(to + l.row(t, b) * width, from + (t * l.batch + b) * width, bytes);
  }
}

}  // namespace rnn
