// One Adam step over one weight's values, for the app's optimizer (flat-adam.ts): the same
// arithmetic as tfjs' AdamOptimizer, in float32, as one vectorised pass instead of a dozen
// TensorFlow ops (or a scalar JavaScript loop).
#pragma once

#include <napi.h>

namespace rnn {

// adamStep(weights, grad, m, v, next, hyper): `hyper` is a Float64Array [learning rate, beta1,
// beta2, epsilon, 1 - beta1^t, 1 - beta2^t, scale, limit]; each gradient value is multiplied by
// scale and limited to ±limit first. Updates m and v in place and writes the new weights to next.
Napi::Value AdamStep(const Napi::CallbackInfo& info);

}  // namespace rnn
