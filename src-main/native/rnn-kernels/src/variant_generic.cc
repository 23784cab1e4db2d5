// The kernels built for generic CPUs; the flags come from binding.gyp.
#define RNN_VARIANT generic
#include "variant.h"
