// The Node binding of the recurrent kernels. Arguments are checked (arguments.cc) before any
// kernel runs. What the forward pass saves for the backward pass (the input in kernel order,
// every hidden state, the gates) stays here, in pooled C++ memory, behind an opaque handle that
// JavaScript gives back to `backward`: nothing of it is copied out to JavaScript and back.
#include <napi.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "adam.h"
#include "arguments.h"
#include "buffer_pool.h"
#include "cpu_dispatch.h"
#include "kernels.h"
#include "sequence_layout.h"

namespace {

using rnn::CallSpec;
using rnn::Lengths;
using rnn::PooledBuffer;

std::atomic<const rnn::KernelTable*> active{nullptr};

const rnn::KernelTable& kernels() {
  const rnn::KernelTable* table = active.load();
  if (table == nullptr) {
    table = rnn::select_kernels(nullptr);
    active.store(table);
  }
  return *table;
}

// What one training forward pass keeps for its backward pass, all time-major.
struct SavedSequence {
  CallSpec call;
  PooledBuffer x;
  PooledBuffer h;
  PooledBuffer workspace;
  int64_t bytes = 0;      // zero once released
  bool reported = false;  // V8 was told about these bytes
};

// Saved forward passes V8 is not told about, up to kUnreportedLimit bytes. Training hands each one
// back within its step, so telling V8 about every one (47 MB for a char LSTM(256) batch) only
// made it run a full garbage collection every few steps; handles dropped without a backward pass
// still make it collect sooner once they add up past the limit.
constexpr int64_t kUnreportedLimit = int64_t{256} << 20;
std::atomic<int64_t> unreported_bytes{0};  // shared by every worker thread's instance of the addon

// Tells handles of ours apart from any other external value JavaScript might pass.
constexpr napi_type_tag kSavedTag = {0x5f3c1a8e2b7d4c61ULL, 0x9e0a4f7b3c2d1e85ULL};
std::atomic<int64_t> live_saved{0};

// Hands a saved sequence's memory back to the pool; later calls do nothing.
void release_saved(Napi::BasicEnv env, SavedSequence* s) {
  if (s->bytes == 0) return;
  s->x.reset();
  s->h.reset();
  s->workspace.reset();
  if (s->reported) {
    Napi::MemoryManagement::AdjustExternalMemory(env, -s->bytes);
  } else {
    unreported_bytes.fetch_sub(s->bytes);
  }
  s->bytes = 0;
  live_saved.fetch_sub(1);
}

// The saved sequence at `index`, or null (with a JavaScript error pending).
SavedSequence* saved_arg(const Napi::CallbackInfo& info, size_t index) {
  Napi::Env env = info.Env();
  if (info.Length() <= index || !info[index].IsExternal() ||
      !info[index].As<Napi::External<SavedSequence>>().CheckTypeTag(&kSavedTag)) {
    Napi::TypeError::New(env, "recurrent kernel: the second argument must be what forward returned for training")
        .ThrowAsJavaScriptException();
    return nullptr;
  }
  return info[index].As<Napi::External<SavedSequence>>().Data();
}

bool same_call(const CallSpec& a, const CallSpec& b) {
  const rnn::Problem &p = a.problem, &q = b.problem;
  return p.cell == q.cell && p.activation == q.activation && p.recurrent_activation == q.recurrent_activation &&
         p.steps == q.steps && p.batch == q.batch && p.input_dim == q.input_dim && p.units == q.units &&
         a.layout.batch_major == b.layout.batch_major && a.layout.reversed == b.layout.reversed &&
         a.last_only == b.last_only;
}

// workspaceLength(problem): floats the forward pass saves for the backward pass (besides x and h).
Napi::Value WorkspaceLength(const Napi::CallbackInfo& info) {
  CallSpec c{};
  if (!rnn::read_call(info[0], &c)) return info.Env().Undefined();
  return Napi::Number::New(info.Env(), static_cast<double>(rnn::lengths(c).workspace));
}

// forward(problem, x, kernel, recurrent, bias, out): writes every hidden state (or, with
// lastOnly, the last one) into `out` in the caller's layout. With `save` it returns the handle
// backward needs; without, everything it used goes straight back to the pool.
Napi::Value Forward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CallSpec c{};
  if (!rnn::read_call(info[0], &c)) return env.Undefined();
  const Lengths n = rnn::lengths(c);
  const float *x, *kernel, *recurrent, *bias;
  float* out;
  if (!(x = rnn::array_arg(info, 1, n.x, "x")) || !(kernel = rnn::array_arg(info, 2, n.kernel, "kernel")) ||
      !(recurrent = rnn::array_arg(info, 3, n.recurrent, "recurrent kernel")) ||
      !(bias = rnn::array_arg(info, 4, n.bias, "bias")) ||
      !(out = rnn::array_arg(info, 5, n.out, c.last_only ? "last hidden state" : "hidden states"))) {
    return env.Undefined();
  }
  const rnn::Problem& p = c.problem;
  auto s = std::make_unique<SavedSequence>();
  s->call = c;
  const float* x_kernel = x;
  // Training keeps its own copy of x: the caller's array may be reused before backward runs.
  if (c.save || !c.layout.is_kernel_order()) {
    s->x = PooledBuffer(n.x);
    rnn::to_kernel_order(c.layout, x, s->x.data(), p.input_dim);
    x_kernel = s->x.data();
  }
  s->h = PooledBuffer(n.h);
  s->workspace = PooledBuffer(n.workspace);
  kernels().forward(p, {x_kernel, kernel, recurrent, bias, s->h.data(), s->workspace.data()});
  if (c.last_only) {
    const float* last = s->h.data() + (p.steps - 1) * p.batch * p.units;
    for (int64_t b = 0; b < p.batch; ++b) {
      std::memcpy(out + b * c.out.stride + c.out.offset, last + b * p.units, static_cast<size_t>(p.units) * sizeof(float));
    }
  } else {
    rnn::from_kernel_order(c.layout, s->h.data(), out, p.units, c.out, false);
  }
  if (!c.save) return env.Undefined();
  s->bytes = (s->x.length() + s->h.length() + s->workspace.length()) * static_cast<int64_t>(sizeof(float));
  // V8 is told about the memory of handles beyond the limit, so that unreleased handles make it
  // collect (and so release) them sooner.
  s->reported = unreported_bytes.fetch_add(s->bytes) + s->bytes > kUnreportedLimit;
  if (s->reported) {
    unreported_bytes.fetch_sub(s->bytes);
    Napi::MemoryManagement::AdjustExternalMemory(env, s->bytes);
  }
  live_saved.fetch_add(1);
  // A handle JavaScript drops without a backward pass (say, a forward under a gradient tape that
  // never asks for this gradient) hands its memory back when it is collected.
  auto handle = Napi::External<SavedSequence>::New(env, s.release(), [](Napi::Env e, SavedSequence* saved) {
    release_saved(e, saved);
    delete saved;
  });
  handle.TypeTag(&kSavedTag);
  return handle;
}

// backward(problem, saved, kernel, recurrent, dy, dx, dkernel, drecurrent, dbias): gradients of
// the loss with respect to x (in the caller's layout) and the weights, given its gradient `dy`
// with respect to forward's `out`. Releases `saved`.
Napi::Value Backward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CallSpec c{};
  if (!rnn::read_call(info[0], &c)) return env.Undefined();
  SavedSequence* s = saved_arg(info, 1);
  if (s == nullptr) return env.Undefined();
  if (s->bytes == 0) {
    Napi::Error::New(env, "recurrent kernel: this forward pass was already differentiated or released")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  if (!same_call(c, s->call)) {
    Napi::Error::New(env, "recurrent kernel: backward must describe the same sequence and layer as its forward pass")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const Lengths n = rnn::lengths(c);
  const float *kernel, *recurrent, *dy;
  float *dx, *dkernel, *drecurrent, *dbias;
  if (!(kernel = rnn::array_arg(info, 2, n.kernel, "kernel")) ||
      !(recurrent = rnn::array_arg(info, 3, n.recurrent, "recurrent kernel")) ||
      !(dy = rnn::array_arg(info, 4, n.out, "output gradient")) ||
      !(dx = rnn::array_arg(info, 5, n.x, "input gradient")) ||
      !(dkernel = rnn::array_arg(info, 6, n.kernel, "kernel gradient")) ||
      !(drecurrent = rnn::array_arg(info, 7, n.recurrent, "recurrent kernel gradient")) ||
      !(dbias = rnn::array_arg(info, 8, n.bias, "bias gradient"))) {
    return env.Undefined();
  }
  const rnn::Problem& p = c.problem;
  const bool in_order = c.layout.is_kernel_order();
  const bool whole_rows = c.out.stride == p.units;
  PooledBuffer dh, dx_kernel;
  const float* dh_kernel = dy;
  const bool dh_last_only = c.last_only && p.cell == rnn::Cell::Lstm;
  if (dh_last_only) {
    // Only the last state reached the loss; the LSTM reads that state's gradient alone.
    dh = PooledBuffer(p.batch * p.units);
    for (int64_t b = 0; b < p.batch; ++b) {
      std::memcpy(dh.data() + b * p.units, dy + b * c.out.stride + c.out.offset,
                  static_cast<size_t>(p.units) * sizeof(float));
    }
    dh_kernel = dh.data();
  } else if (c.last_only) {
    // Only the last state reached the loss: every earlier step's own gradient is zero.
    dh = PooledBuffer(n.h);
    const int64_t last = (p.steps - 1) * p.batch * p.units;
    std::memset(dh.data(), 0, static_cast<size_t>(last) * sizeof(float));
    for (int64_t b = 0; b < p.batch; ++b) {
      std::memcpy(dh.data() + last + b * p.units, dy + b * c.out.stride + c.out.offset,
                  static_cast<size_t>(p.units) * sizeof(float));
    }
    dh_kernel = dh.data();
  } else if (!in_order || !whole_rows) {
    dh = PooledBuffer(n.h);
    rnn::to_kernel_order(c.layout, dy, dh.data(), p.units, c.out);
    dh_kernel = dh.data();
  }
  rnn::BackwardArgs args{s->x.data(), kernel,  recurrent,  s->h.data(), s->workspace.data(), dh_kernel,
                         dx,          dkernel, drecurrent, dbias};
  // The LSTM writes (or adds) its input gradient in the caller's layout itself. The other cells
  // overwrite dx in their own order: straight into the caller's array only when that is the same
  // thing, else into a buffer put in place after.
  args.dh_last_only = dh_last_only;
  const bool dx_in_layout = p.cell == rnn::Cell::Lstm;
  const bool dx_direct = dx_in_layout || (in_order && !c.add_dx);
  if (dx_in_layout) {
    args.dx_layout = &c.layout;
    args.dx_add = c.add_dx;
  } else if (!dx_direct) {
    dx_kernel = PooledBuffer(n.x);
    args.dx = dx_kernel.data();
  }
  kernels().backward(p, args);
  if (!dx_direct) rnn::from_kernel_order(c.layout, dx_kernel.data(), dx, p.input_dim, {p.input_dim, 0}, c.add_dx);
  release_saved(env, s);
  return env.Undefined();
}

// release(saved): hands a saved forward pass's memory back now (a second call does nothing).
Napi::Value Release(const Napi::CallbackInfo& info) {
  SavedSequence* s = saved_arg(info, 0);
  if (s != nullptr) release_saved(info.Env(), s);
  return info.Env().Undefined();
}

// memory(): saved forward passes not yet differentiated or released, and the pool's bytes.
Napi::Value Memory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const rnn::PoolMemory m = rnn::pool_memory();
  Napi::Object out = Napi::Object::New(env);
  out.Set("savedSequences", Napi::Number::New(env, static_cast<double>(live_saved.load())));
  out.Set("usedBytes", Napi::Number::New(env, static_cast<double>(m.used_bytes)));
  out.Set("keptBytes", Napi::Number::New(env, static_cast<double>(m.kept_bytes)));
  return out;
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
  exports.Set("release", Napi::Function::New(env, Release));
  exports.Set("memory", Napi::Function::New(env, Memory));
  exports.Set("useInstructionSet", Napi::Function::New(env, UseInstructionSet));
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("gemmRepeat", Napi::Function::New(env, GemmRepeat));
  exports.Set("adamStep", Napi::Function::New(env, rnn::AdamStep));
  return exports;
}

}  // namespace

NODE_API_MODULE(rnn_kernels, Init)
