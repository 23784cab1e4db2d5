#include "kernels.h"

namespace rnn {

int gate_count(Cell cell) {
  switch (cell) {
    case Cell::Lstm: return 4;
    case Cell::GruResetBefore:
    case Cell::GruResetAfter: return 3;
    case Cell::SimpleRnn: return 1;
  }
  return 1;
}

int64_t bias_length(const Problem& p) {
  const int64_t width = gate_count(p.cell) * p.units;
  return p.cell == Cell::GruResetAfter ? 2 * width : width;
}

int64_t workspace_per_row(const Problem& p) {
  switch (p.cell) {
    // The standard cell (tanh, sigmoid gates) keeps its gates, c and act(c); any other also keeps
    // the pre-activations its gradients need (lstm.h).
    case Cell::Lstm:
      return (p.activation == Activation::Tanh && p.recurrent_activation == Activation::Sigmoid ? 6 : 10) * p.units;
    case Cell::GruResetBefore:
    case Cell::GruResetAfter: return 7 * p.units;
    case Cell::SimpleRnn: return p.units;
  }
  return p.units;
}

}  // namespace rnn
