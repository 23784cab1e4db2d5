// The contract between the Node binding and the per-CPU builds of the recurrent kernels.
//
// Every array is row-major float32, time-major: row r = t * batch + b. Weights use the
// tfjs-layers / Keras layout (kernel [I, G*U], recurrent kernel [U, G*U], bias [G*U], with
// gates i,f,c,o for LSTM and z,r,h for GRU). The caller allocates every array and has already
// checked its length; the kernels never allocate what outlives a call.
#pragma once

#include <cstdint>

#include "sequence_layout.h"

namespace rnn {

enum class Cell : int { Lstm = 0, GruResetBefore = 1, GruResetAfter = 2, SimpleRnn = 3 };

// Matches the activation names the forms offer (src-main/shared/spec.ts).
enum class Activation : int {
  Tanh = 0,
  Relu = 1,
  Sigmoid = 2,
  Elu = 3,
  Selu = 4,
  Softsign = 5,
  Linear = 6,
  HardSigmoid = 7,
};

struct Problem {
  Cell cell;
  Activation activation;
  Activation recurrent_activation;  // gates of LSTM and GRU; unused by SimpleRNN
  int64_t steps;
  int64_t batch;
  int64_t input_dim;
  int64_t units;
  int threads;
};

// Gate blocks per cell: 4 for LSTM, 3 for GRU, 1 for SimpleRNN.
int gate_count(Cell cell);
// Length of the bias array: GRU with the reset after the matmul has an input and a recurrent
// bias ([2, 3U], as Keras stores it); every other cell one bias [G*U].
int64_t bias_length(const Problem& p);
// Floats per time-major row that forward saves for backward.
int64_t workspace_per_row(const Problem& p);

struct ForwardArgs {
  const float* x;          // [T*B, I]
  const float* kernel;     // [I, G*U]
  const float* recurrent;  // [U, G*U]
  const float* bias;       // bias_length
  float* h;                // [T*B, U] every hidden state
  float* workspace;        // [T*B, workspace_per_row]
};

struct BackwardArgs {
  const float* x;
  const float* kernel;
  const float* recurrent;
  const float* h;
  const float* workspace;
  const float* dh;   // [T*B, U] loss gradient with respect to every hidden state (see dh_last_only)
  float* dx;         // [T*B, I], or in dx_layout
  float* dkernel;    // [I, G*U]
  float* drecurrent; // [U, G*U]
  float* dbias;      // bias_length
  // Where the LSTM writes dx: null for the kernels' rows; otherwise the caller's layout, which
  // saves a buffer and a pass over it. With dx_add it adds to what dx holds. Other cells always
  // write their own rows.
  const SequenceLayout* dx_layout = nullptr;
  bool dx_add = false;
  // The LSTM only: dh is [B, U], the gradient of the last hidden state alone; every earlier
  // step's own gradient is zero (a layer that returns its last state), so no zeros are written
  // for the whole sequence and read back.
  bool dh_last_only = false;
};

// One build of the kernels for one instruction set.
struct KernelTable {
  const char* isa;
  void (*forward)(const Problem&, const ForwardArgs&);
  void (*backward)(const Problem&, const BackwardArgs&);
  // `iterations` products [m,k]·[k,n] on the calling thread, for the bench's peak measurement.
  void (*gemm_repeat)(int64_t m, int64_t k, int64_t n, int64_t iterations);
};

const KernelTable& kernels_generic();
#if defined(RNN_HAVE_X86_VARIANTS)
const KernelTable& kernels_avx2();
const KernelTable& kernels_avx512();
#endif

}  // namespace rnn
