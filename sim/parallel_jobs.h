// Independent jobs spread over the machine's cores.
//
// BuDDy (packet_set.h) keeps one global, single-threaded node table, so solver runs cannot share
// a process between threads. They can run in fork()ed copies of this process instead: each copy
// has its own node table (copy-on-write) and every table the parent has built. The copies take
// jobs from a shared counter and write each job's fixed-size result into memory shared with
// this process. A job whose worker died (or that no worker took) is run again in this process,
// so the results are complete whatever happens to the copies; with one worker, or where fork()
// fails, everything runs here.
//
// `run` must depend only on the job number and state built before the call, and write only its
// result bytes: what a copy changes elsewhere (memo tables, counters) is lost with it.
#ifndef VPCREACH_SIM_PARALLEL_JOBS_H_
#define VPCREACH_SIM_PARALLEL_JOBS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace vpcreach {

// One per core (std::thread::hardware_concurrency), at least 1.
int DefaultWorkers();

// Runs run(i, result_i) for every i in [0, jobs), where result_i points to `result_bytes` zeroed
// bytes, on up to `workers` processes (this one included). progress(done) is called in this
// process as jobs finish (may be empty). Returns the results, job after job.
std::vector<std::uint8_t> RunJobs(std::size_t jobs, std::size_t result_bytes, int workers,
                                  const std::function<void(std::size_t, std::uint8_t*)>& run,
                                  const std::function<void(std::size_t)>& progress = {});

}  // namespace vpcreach

#endif  // VPCREACH_SIM_PARALLEL_JOBS_H_
