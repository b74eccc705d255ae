// Parallel loops for every stage. Work is cut into tasks whose boundaries depend only on the
// problem size (never on the thread count), and each task writes its own outputs, so results
// are bit-identical for any --threads value. Exceptions thrown in a worker are rethrown in the
// caller after all workers have stopped.
#pragma once

#include <cstddef>
#include <functional>

namespace topica {

/// Threads to use: `requested` if > 0, else every core of the machine.
std::size_t resolve_threads(std::size_t requested);

/// Calls task(t) for t in [0, tasks) on up to `threads` threads and waits for all of them.
/// Tasks are taken in increasing order; which thread runs which task is unspecified, so a task
/// must not depend on another task's side effects.
void parallel_tasks(std::size_t tasks, std::size_t threads, const std::function<void(std::size_t task)>& task);

/// Splits [0, n) into fixed blocks of `block` items and calls body(begin, end) for each block
/// in parallel. Block boundaries depend only on n and block, so per-block reductions combined
/// in block order give the same result for any thread count.
void parallel_blocks(std::size_t n, std::size_t block, std::size_t threads,
                     const std::function<void(std::size_t begin, std::size_t end)>& body);

}  // namespace topica
