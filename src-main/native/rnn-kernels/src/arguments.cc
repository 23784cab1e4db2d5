#include "arguments.h"

#include <string>

namespace rnn {
namespace {

// Large enough for any sequence a desktop can hold, small enough that no product of two checked
// sizes overflows 64 bits.
constexpr int64_t kMaxDimension = int64_t{1} << 28;
constexpr int64_t kMaxElements = int64_t{1} << 40;

bool read_int(const Napi::Object& spec, const char* key, int64_t low, int64_t high, int64_t* out) {
  Napi::Env env = spec.Env();
  Napi::Value v = spec.Get(key);
  if (!v.IsNumber()) {
    Napi::TypeError::New(env, std::string("recurrent kernel: '") + key + "' must be a number").ThrowAsJavaScriptException();
    return false;
  }
  double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= static_cast<double>(low) && d <= static_cast<double>(high)) || d != static_cast<double>(static_cast<int64_t>(d))) {
    Napi::RangeError::New(env, std::string("recurrent kernel: '") + key + "' must be a whole number from " +
                                   std::to_string(low) + " to " + std::to_string(high) + ", got " + std::to_string(d))
        .ThrowAsJavaScriptException();
    return false;
  }
  *out = static_cast<int64_t>(d);
  return true;
}

// An optional true/false setting; absent means false.
bool read_flag(const Napi::Object& spec, const char* key, bool* out) {
  Napi::Value v = spec.Get(key);
  if (v.IsUndefined()) {
    *out = false;
    return true;
  }
  if (!v.IsBoolean()) {
    Napi::TypeError::New(spec.Env(), std::string("recurrent kernel: '") + key + "' must be true or false")
        .ThrowAsJavaScriptException();
    return false;
  }
  *out = v.As<Napi::Boolean>().Value();
  return true;
}

// An optional whole number; absent means `fallback`.
bool read_optional_int(const Napi::Object& spec, const char* key, int64_t fallback, int64_t low, int64_t high,
                       int64_t* out) {
  if (spec.Get(key).IsUndefined()) {
    *out = fallback;
    return true;
  }
  return read_int(spec, key, low, high, out);
}

}  // namespace

bool read_call(const Napi::Value& value, CallSpec* call) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) {
    Napi::TypeError::New(env, "recurrent kernel: the first argument must be the problem description").ThrowAsJavaScriptException();
    return false;
  }
  Napi::Object spec = value.As<Napi::Object>();
  Problem* p = &call->problem;
  int64_t cell, act, rec, threads;
  bool batch_major, reversed;
  if (!read_int(spec, "cell", 0, 3, &cell) || !read_int(spec, "activation", 0, 7, &act) ||
      !read_int(spec, "recurrentActivation", 0, 7, &rec) || !read_int(spec, "steps", 1, kMaxDimension, &p->steps) ||
      !read_int(spec, "batch", 1, kMaxDimension, &p->batch) || !read_int(spec, "inputDim", 1, kMaxDimension, &p->input_dim) ||
      !read_int(spec, "units", 1, kMaxDimension, &p->units) || !read_int(spec, "threads", 1, 1024, &threads) ||
      !read_flag(spec, "batchMajor", &batch_major) || !read_flag(spec, "reversed", &reversed) ||
      !read_flag(spec, "lastOnly", &call->last_only) || !read_flag(spec, "save", &call->save) ||
      !read_flag(spec, "addInputGradient", &call->add_dx) ||
      !read_optional_int(spec, "outWidth", p->units, p->units, kMaxDimension, &call->out.stride) ||
      !read_optional_int(spec, "outOffset", 0, 0, call->out.stride - p->units, &call->out.offset)) {
    return false;
  }
  p->cell = static_cast<Cell>(cell);
  p->activation = static_cast<Activation>(act);
  p->recurrent_activation = static_cast<Activation>(rec);
  p->threads = static_cast<int>(threads);
  call->layout = {p->steps, p->batch, batch_major, reversed};
  const int64_t rows = p->steps * p->batch;
  const int64_t widest = workspace_per_row(*p) > p->input_dim ? workspace_per_row(*p) : p->input_dim;
  if (rows > kMaxElements / widest || rows > kMaxElements / call->out.stride || p->units * 4 * p->units > kMaxElements ||
      p->input_dim * 4 * p->units > kMaxElements) {
    Napi::RangeError::New(env, "recurrent kernel: the sequence is too large for one call").ThrowAsJavaScriptException();
    return false;
  }
  return true;
}

Lengths lengths(const CallSpec& call) {
  const Problem& p = call.problem;
  const int64_t rows = p.steps * p.batch, width = gate_count(p.cell) * p.units;
  return {rows * p.input_dim, p.input_dim * width, p.units * width, bias_length(p), rows * p.units,
          rows * workspace_per_row(p), (call.last_only ? p.batch : rows) * call.out.stride};
}

float* array_arg(const Napi::CallbackInfo& info, size_t index, int64_t length, const char* what) {
  Napi::Env env = info.Env();
  if (info.Length() <= index || !info[index].IsTypedArray() ||
      info[index].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    Napi::TypeError::New(env, std::string("recurrent kernel: ") + what + " must be a Float32Array").ThrowAsJavaScriptException();
    return nullptr;
  }
  Napi::Float32Array a = info[index].As<Napi::Float32Array>();
  if (static_cast<int64_t>(a.ElementLength()) != length) {
    Napi::RangeError::New(env, std::string("recurrent kernel: ") + what + " must hold " + std::to_string(length) +
                                   " values, got " + std::to_string(a.ElementLength()))
        .ThrowAsJavaScriptException();
    return nullptr;
  }
  return a.Data();
}

}  // namespace rnn
