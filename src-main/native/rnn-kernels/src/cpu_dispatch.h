// Which build of the kernels this CPU runs.
#pragma once

#include "kernels.h"

namespace rnn {

// The fastest variant the CPU and the operating system support. `forced` ("generic", "avx2",
// "avx512") picks one explicitly for tests; an unsupported or unknown choice returns null.
const KernelTable* select_kernels(const char* forced);

}  // namespace rnn
