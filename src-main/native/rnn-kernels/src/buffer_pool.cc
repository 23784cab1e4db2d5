#include "buffer_pool.h"

#include <cstddef>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

namespace rnn {
namespace {

// Aligned for the widest vectors any build uses (AVX-512).
constexpr std::size_t kAlignment = 64;
// Buffers of one length kept for reuse: a bidirectional stacked model has a few layers of the
// same shape, and a step's forward passes all finish before its backward passes start.
constexpr std::size_t kKeepPerLength = 8;
// Never keep more than this for reuse; beyond it, buffers go back to the system.
constexpr int64_t kKeepBytes = int64_t{1} << 30;

struct Pool {
  std::mutex mutex;
  std::unordered_map<int64_t, std::vector<float*>> free;
  int64_t used_bytes = 0;
  int64_t kept_bytes = 0;
};

Pool& pool() {
  // Never destroyed: buffers may be handed back by finalizers that run during Node's shutdown.
  static Pool* p = new Pool();
  return *p;
}

float* allocate(int64_t length) {
  return static_cast<float*>(::operator new(static_cast<std::size_t>(length) * sizeof(float), std::align_val_t(kAlignment)));
}

void deallocate(float* data) { ::operator delete(data, std::align_val_t(kAlignment)); }

float* take(int64_t length) {
  Pool& p = pool();
  {
    std::lock_guard<std::mutex> lock(p.mutex);
    p.used_bytes += length * static_cast<int64_t>(sizeof(float));
    auto it = p.free.find(length);
    if (it != p.free.end() && !it->second.empty()) {
      float* data = it->second.back();
      it->second.pop_back();
      p.kept_bytes -= length * static_cast<int64_t>(sizeof(float));
      return data;
    }
  }
  return allocate(length);
}

void give(float* data, int64_t length) {
  Pool& p = pool();
  const int64_t bytes = length * static_cast<int64_t>(sizeof(float));
  {
    std::lock_guard<std::mutex> lock(p.mutex);
    p.used_bytes -= bytes;
    std::vector<float*>& list = p.free[length];
    if (list.size() < kKeepPerLength && p.kept_bytes + bytes <= kKeepBytes) {
      list.push_back(data);
      p.kept_bytes += bytes;
      return;
    }
  }
  deallocate(data);
}

}  // namespace

PooledBuffer::PooledBuffer(int64_t length) : data_(take(length < 1 ? 1 : length)), length_(length < 1 ? 1 : length) {}

PooledBuffer::~PooledBuffer() { reset(); }

PooledBuffer::PooledBuffer(PooledBuffer&& other) noexcept : data_(other.data_), length_(other.length_) {
  other.data_ = nullptr;
  other.length_ = 0;
}

PooledBuffer& PooledBuffer::operator=(PooledBuffer&& other) noexcept {
  if (this != &other) {
    reset();
    data_ = other.data_;
    length_ = other.length_;
    other.data_ = nullptr;
    other.length_ = 0;
  }
  return *this;
}

void PooledBuffer::reset() {
  if (data_ != nullptr) give(data_, length_);
  data_ = nullptr;
  length_ = 0;
}

PoolMemory pool_memory() {
  Pool& p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  return {p.used_bytes, p.kept_bytes};
}

}  // namespace rnn
