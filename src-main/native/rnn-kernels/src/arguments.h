// Reading and checking the JavaScript arguments of the kernel calls. Every check happens here,
// before any kernel runs: a wrong length must become a JavaScript error, never a read past an
// array's end. On a failed check a JavaScript exception is pending and the reader returns false
// (or null).
#pragma once

#include <napi.h>

#include <cstdint>

#include "kernels.h"
#include "sequence_layout.h"

namespace rnn {

// One call as JavaScript describes it: the problem, where the caller's sequences sit, and what
// it wants back.
struct CallSpec {
  Problem problem;
  SequenceLayout layout;
  bool last_only;  // forward returns only the last hidden state; backward gets only its gradient
  bool save;       // forward keeps what backward needs (training) instead of dropping it (prediction)
  RowSlice out;    // where the hidden states sit in the rows of `out` and `dy` (default: rows of `units`)
  bool add_dx;     // backward adds the input gradient to `dx` instead of overwriting it
};

// Lengths of the arrays of one call, in floats.
struct Lengths {
  int64_t x, kernel, recurrent, bias, h, workspace, out;
};

bool read_call(const Napi::Value& value, CallSpec* spec);
Lengths lengths(const CallSpec& spec);
// The argument at `index`, which must be a Float32Array of exactly `length` elements.
float* array_arg(const Napi::CallbackInfo& info, size_t index, int64_t length, const char* what);

}  // namespace rnn
