// The kernels built for avx2 CPUs; the flags come from binding.gyp.
#define RNN_VARIANT avx2
#include "variant.h"
