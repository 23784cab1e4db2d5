// Activations and their derivatives on contiguous runs of floats, vectorised by Eigen for the
// instruction set the including file is compiled for. Included inside a variant namespace.
#pragma once

// Keras' constants for selu.
constexpr float kSeluAlpha = 1.6732632423543772f;
constexpr float kSeluScale = 1.0507009873554805f;

using Vec = Eigen::Map<Eigen::ArrayXf>;
using ConstVec = Eigen::Map<const Eigen::ArrayXf>;

// tanh and the sigmoid on one packet of floats (or one float), as activate() computes them
// (Eigen's rational tanh, GenericPacketMathFunctions.h): for row loops that mix them with other
// arithmetic in one pass. Packet is the widest the including build has.
using Packet = Eigen::internal::packet_traits<float>::type;
constexpr int64_t kPacket = Eigen::internal::packet_traits<float>::size;

template <typename T>
inline T tanh_of(const T& x) {
  // The same rational function under two names: Eigen 3.4 (Debian's libeigen3-dev, Homebrew)
  // calls it generic_fast_tanh_float, later Eigen (the TensorFlow wheel's) ptanh_float.
#if EIGEN_VERSION_AT_LEAST(3, 4, 90)
  return Eigen::internal::ptanh_float<T>(x);
#else
  return Eigen::internal::generic_fast_tanh_float<T>(x);
#endif
}

template <typename T>
inline T sigmoid_of(const T& x) {
  const T half = Eigen::internal::pset1<T>(0.5f);
  return Eigen::internal::pmadd(half, tanh_of(Eigen::internal::pmul(half, x)), half);
}

// out = act(in); in and out may be the same memory.
inline void activate(Activation act, const float* in, float* out, int64_t n) {
  ConstVec a(in, n);
  Vec y(out, n);
  switch (act) {
    case Activation::Tanh: y = a.tanh(); break;
    case Activation::Relu: y = a.max(0.0f); break;
    // Through tanh, which Eigen vectorises for every instruction set (its logistic falls back
    // to scalar expf here).
    case Activation::Sigmoid: y = 0.5f * (0.5f * a).tanh() + 0.5f; break;
    case Activation::Elu: y = (a > 0.0f).select(a, a.exp() - 1.0f); break;
    case Activation::Selu: y = kSeluScale * (a > 0.0f).select(a, kSeluAlpha * (a.exp() - 1.0f)); break;
    case Activation::Softsign: y = a / (1.0f + a.abs()); break;
    case Activation::Linear: if (out != in) y = a; break;
    case Activation::HardSigmoid: y = (0.2f * a + 0.5f).max(0.0f).min(1.0f); break;
  }
}

// grad_pre = grad_out * act'(pre), where out = act(pre). grad_pre may alias grad_out.
inline void activation_grad(Activation act, const float* pre, const float* out, const float* grad_out,
                            float* grad_pre, int64_t n) {
  ConstVec a(pre, n);
  ConstVec y(out, n);
  ConstVec g(grad_out, n);
  Vec d(grad_pre, n);
  switch (act) {
    case Activation::Tanh: d = g * (1.0f - y.square()); break;
    case Activation::Relu: d = (a > 0.0f).select(g, 0.0f); break;
    case Activation::Sigmoid: d = g * y * (1.0f - y); break;
    case Activation::Elu: d = (a > 0.0f).select(g, g * (y + 1.0f)); break;
    case Activation::Selu: d = (a > 0.0f).select(g * kSeluScale, g * (y + kSeluScale * kSeluAlpha)); break;
    case Activation::Softsign: d = g / (1.0f + a.abs()).square(); break;
    case Activation::Linear: if (grad_pre != grad_out) d = g; break;
    // tfjs' clipByValue passes the gradient where 0 <= 0.2a + 0.5 <= 1.
    case Activation::HardSigmoid: {
      auto s = 0.2f * a + 0.5f;
      d = (s >= 0.0f && s <= 1.0f).select(0.2f * g, 0.0f);
      break;
    }
  }
}
