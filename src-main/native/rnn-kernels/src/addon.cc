// The Node binding of the recurrent kernels. Every argument is checked here, before any kernel
// runs: a wrong length must become a JavaScript error, never a read past an array's end.
#include <napi.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "cpu_dispatch.h"
#include "kernels.h"

namespace {

using rnn::Problem;

std::atomic<const rnn::KernelTable*> active{nullptr};

const rnn::KernelTable& kernels() {
  const rnn::KernelTable* table = active.load();
  if (table == nullptr) {
    table = rnn::select_kernels(nullptr);
    active.store(table);
  }
  return *table;
}

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

bool read_problem(const Napi::Value& value, Problem* p) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) {
    Napi::TypeError::New(env, "recurrent kernel: the first argument must be the problem description").ThrowAsJavaScriptException();
    return false;
  }
  Napi::Object spec = value.As<Napi::Object>();
  int64_t cell, act, rec, threads;
  if (!read_int(spec, "cell", 0, 3, &cell) || !read_int(spec, "activation", 0, 7, &act) ||
      !read_int(spec, "recurrentActivation", 0, 7, &rec) || !read_int(spec, "steps", 1, kMaxDimension, &p->steps) ||
      !read_int(spec, "batch", 1, kMaxDimension, &p->batch) || !read_int(spec, "inputDim", 1, kMaxDimension, &p->input_dim) ||
      !read_int(spec, "units", 1, kMaxDimension, &p->units) || !read_int(spec, "threads", 1, 1024, &threads)) {
    return false;
  }
  p->cell = static_cast<rnn::Cell>(cell);
  p->activation = static_cast<rnn::Activation>(act);
  p->recurrent_activation = static_cast<rnn::Activation>(rec);
  p->threads = static_cast<int>(threads);
  const int64_t rows = p->steps * p->batch;
  const int64_t widest = rnn::workspace_per_row(*p) > p->input_dim ? rnn::workspace_per_row(*p) : p->input_dim;
  if (rows > kMaxElements / widest || p->units * 4 * p->units > kMaxElements ||
      p->input_dim * 4 * p->units > kMaxElements) {
    Napi::RangeError::New(env, "recurrent kernel: the sequence is too large for one call").ThrowAsJavaScriptException();
    return false;
  }
  return true;
}

// The array at `index`, which must be a Float32Array of exactly `length` elements.
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

struct Lengths {
  int64_t x, kernel, recurrent, bias, h, workspace;
};

Lengths lengths(const Problem& p) {
  const int64_t rows = p.steps * p.batch, width = rnn::gate_count(p.cell) * p.units;
  return {rows * p.input_dim, p.input_dim * width, p.units * width, rnn::bias_length(p), rows * p.units,
          rows * rnn::workspace_per_row(p)};
}

// workspaceLength(problem): floats the forward pass saves for the backward pass.
Napi::Value WorkspaceLength(const Napi::CallbackInfo& info) {
  Problem p{};
  if (!read_problem(info[0], &p)) return info.Env().Undefined();
  return Napi::Number::New(info.Env(), static_cast<double>(lengths(p).workspace));
}

// forward(problem, x, kernel, recurrent, bias, h, workspace): fills h and workspace.
Napi::Value Forward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Problem p{};
  if (!read_problem(info[0], &p)) return env.Undefined();
  const Lengths n = lengths(p);
  rnn::ForwardArgs a{};
  if (!(a.x = array_arg(info, 1, n.x, "x")) || !(a.kernel = array_arg(info, 2, n.kernel, "kernel")) ||
      !(a.recurrent = array_arg(info, 3, n.recurrent, "recurrent kernel")) ||
      !(a.bias = array_arg(info, 4, n.bias, "bias")) || !(a.h = array_arg(info, 5, n.h, "hidden states")) ||
      !(a.workspace = array_arg(info, 6, n.workspace, "workspace"))) {
    return env.Undefined();
  }
  kernels().forward(p, a);
  return env.Undefined();
}

// backward(problem, x, kernel, recurrent, h, workspace, dh, dx, dkernel, drecurrent, dbias).
Napi::Value Backward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Problem p{};
  if (!read_problem(info[0], &p)) return env.Undefined();
  const Lengths n = lengths(p);
  rnn::BackwardArgs a{};
  if (!(a.x = array_arg(info, 1, n.x, "x")) || !(a.kernel = array_arg(info, 2, n.kernel, "kernel")) ||
      !(a.recurrent = array_arg(info, 3, n.recurrent, "recurrent kernel")) ||
      !(a.h = array_arg(info, 4, n.h, "hidden states")) || !(a.workspace = array_arg(info, 5, n.workspace, "workspace")) ||
      !(a.dh = array_arg(info, 6, n.h, "output gradient")) || !(a.dx = array_arg(info, 7, n.x, "input gradient")) ||
      !(a.dkernel = array_arg(info, 8, n.kernel, "kernel gradient")) ||
      !(a.drecurrent = array_arg(info, 9, n.recurrent, "recurrent kernel gradient")) ||
      !(a.dbias = array_arg(info, 10, n.bias, "bias gradient"))) {
    return env.Undefined();
  }
  kernels().backward(p, a);
  return env.Undefined();
}

// useInstructionSet(name?): picks the build to run ("generic", "avx2", "avx512"; empty for the
// fastest this CPU supports) and returns its name. Throws when this CPU cannot run it.
Napi::Value UseInstructionSet(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string name = info.Length() > 0 && info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  const rnn::KernelTable* table = rnn::select_kernels(name.c_str());
  if (table == nullptr) {
    Napi::Error::New(env, "recurrent kernel: this CPU cannot run the '" + name + "' build").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  active.store(table);
  return Napi::String::New(env, table->isa);
}

// gemmRepeat(m, k, n, iterations): that many [m,k]·[k,n] products on this thread (for the bench).
Napi::Value GemmRepeat(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t size[4];
  const double limits[4] = {1 << 16, 1 << 16, 1 << 16, 1e9};
  for (int i = 0; i < 4; ++i) {
    double d = info.Length() > static_cast<size_t>(i) && info[i].IsNumber() ? info[i].As<Napi::Number>().DoubleValue() : 0;
    if (!(d >= 1 && d <= limits[i]) || d != static_cast<double>(static_cast<int64_t>(d))) {
      Napi::RangeError::New(env, "recurrent kernel: gemmRepeat takes four positive whole numbers (m, k, n, iterations)")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    size[i] = static_cast<int64_t>(d);
  }
  kernels().gemm_repeat(size[0], size[1], size[2], size[3]);
  return env.Undefined();
}

// info(): the build in use and the hardware threads available.
Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("instructionSet", kernels().isa);
  out.Set("hardwareThreads", Napi::Number::New(env, std::thread::hardware_concurrency()));
  return out;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("workspaceLength", Napi::Function::New(env, WorkspaceLength));
  exports.Set("forward", Napi::Function::New(env, Forward));
  exports.Set("backward", Napi::Function::New(env, Backward));
  exports.Set("useInstructionSet", Napi::Function::New(env, UseInstructionSet));
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("gemmRepeat", Napi::Function::New(env, GemmRepeat));
  return exports;
}

}  // namespace

NODE_API_MODULE(rnn_kernels, Init)
