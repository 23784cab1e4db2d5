// The kernels built for avx512 CPUs; the flags come from binding.gyp.
#define RNN_VARIANT avx512
#include "variant.h"
