// Float buffers reused between kernel calls. A training step saves megabytes per layer for its
// backward pass; mapping fresh pages for them at every step costs page faults and zero-filling
// that small layers notice. Buffers are kept per length, so the same layer at the same batch
// size gets its own memory back at the next step. Safe to use from several JavaScript threads.
#pragma once

#include <cstdint>

namespace rnn {

// A buffer of at least `length` floats from the pool, with unspecified contents; handed back
// when destroyed. Move-only.
class PooledBuffer {
 public:
  PooledBuffer() = default;
  explicit PooledBuffer(int64_t length);
  ~PooledBuffer();
  PooledBuffer(PooledBuffer&& other) noexcept;
  PooledBuffer& operator=(PooledBuffer&& other) noexcept;
  PooledBuffer(const PooledBuffer&) = delete;
  PooledBuffer& operator=(const PooledBuffer&) = delete;

  float* data() const { return data_; }
  int64_t length() const { return length_; }
  // Hands the memory back to the pool now.
  void reset();

 private:
  float* data_ = nullptr;
  int64_t length_ = 0;
};

// What the pool holds: buffers in use and buffers kept for reuse, in bytes.
struct PoolMemory {
  int64_t used_bytes;
  int64_t kept_bytes;
};
PoolMemory pool_memory();

}  // namespace rnn
