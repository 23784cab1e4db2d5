#include "adam.h"

#include <cmath>
#include <cstddef>
#include <string>

namespace rnn {
namespace {

struct Hyper {
  float lr, beta1, beta2, epsilon, c1, c2, scale, limit;
};

// Plain loops over contiguous arrays: compilers vectorise them for the build's baseline
// instruction set (no intrinsics, so any compiler and CPU).
void adam_step(size_t n, const float* weights, const float* grad, float* m, float* v, float* next, const Hyper& h) {
  const float a1 = 1.0f - h.beta1, a2 = 1.0f - h.beta2;
  for (size_t i = 0; i < n; ++i) {
    float g = grad[i] * h.scale;
    // Written with comparisons so that a NaN gradient stays NaN, as in tfjs.
    g = g > h.limit ? h.limit : (g < -h.limit ? -h.limit : g);
    const float mi = h.beta1 * m[i] + a1 * g;
    const float vi = h.beta2 * v[i] + a2 * (g * g);
    m[i] = mi;
    v[i] = vi;
    // tfjs: value − lr · (m / (1 − β1ᵗ)) / (sqrt(v / (1 − β2ᵗ)) + ε)
    next[i] = weights[i] - h.lr * (mi / h.c1) / (std::sqrt(vi / h.c2) + h.epsilon);
  }
}

}  // namespace

Napi::Value AdamStep(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  static const char* const kNames[5] = {"weights", "gradient", "first moment", "second moment", "new weights"};
  float* arrays[5];
  size_t length = 0;
  for (size_t i = 0; i < 5; ++i) {
    if (info.Length() <= i || !info[i].IsTypedArray() ||
        info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
      Napi::TypeError::New(env, std::string("adamStep: ") + kNames[i] + " must be a Float32Array")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Float32Array a = info[i].As<Napi::Float32Array>();
    if (i == 0) length = a.ElementLength();
    if (a.ElementLength() != length) {
      Napi::RangeError::New(env, std::string("adamStep: ") + kNames[i] + " must hold as many values as the weights")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    arrays[i] = a.Data();
  }
  if (info.Length() <= 5 || !info[5].IsTypedArray() ||
      info[5].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      info[5].As<Napi::Float64Array>().ElementLength() != 8) {
    Napi::TypeError::New(env, "adamStep: the settings must be a Float64Array of 8 values").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const double* s = info[5].As<Napi::Float64Array>().Data();
  const Hyper h{static_cast<float>(s[0]), static_cast<float>(s[1]), static_cast<float>(s[2]), static_cast<float>(s[3]),
                static_cast<float>(s[4]), static_cast<float>(s[5]), static_cast<float>(s[6]), static_cast<float>(s[7])};
  adam_step(length, arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], h);
  return env.Undefined();
}

}  // namespace rnn
