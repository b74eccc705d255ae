#include "topica/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace topica {

std::size_t resolve_threads(std::size_t requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

void parallel_tasks(std::size_t tasks, std::size_t threads, const std::function<void(std::size_t)>& task) {
  threads = std::min(resolve_threads(threads), tasks);
  if (threads <= 1) {
    for (std::size_t t = 0; t < tasks; ++t) task(t);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  const auto worker = [&] {
    for (std::size_t t; !failed.load(std::memory_order_relaxed) && (t = next.fetch_add(1)) < tasks;) {
      try {
        task(t);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();  // the calling thread works too
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

void parallel_blocks(std::size_t n, std::size_t block, std::size_t threads,
                     const std::function<void(std::size_t, std::size_t)>& body) {
  if (n == 0) return;
  block = std::max<std::size_t>(block, 1);
  const std::size_t blocks = (n + block - 1) / block;
  parallel_tasks(blocks, threads, [&](std::size_t b) { body(b * block, std::min(n, (b + 1) * block)); });
}

}  // namespace topica
