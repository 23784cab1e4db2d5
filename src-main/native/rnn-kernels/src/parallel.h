// A small process-wide pool of threads for the kernels' batch-parallel loops.
#pragma once

#include <cstdint>
#include <functional>

namespace rnn {

// Runs fn(task) for every task in [0, tasks) on up to `threads` threads, the caller's included,
// and returns when all have finished. Threads are kept between calls: a training step calls the
// kernels a few times per layer, and starting threads each time would cost more than small
// layers take. Calls from different JavaScript threads take turns.
void parallel_for(int tasks, int threads, const std::function<void(int)>& fn);

}  // namespace rnn

namespace rnn {

// At least `size` floats owned by the calling thread, kept between calls so that a training run
// does not map fresh pages at every step. Slots 0-1, 8 and 10 hold arrays of a whole call (on the
// calling thread), slots 2-7 and 9 arrays of one task of parallel_for. Contents are not initialised.
float* thread_scratch(int slot, int64_t size);

}  // namespace rnn
