// RunJobs (sim/parallel_jobs.h): the same results in any number of processes, and complete even
// when a worker process dies.
#include "sim/parallel_jobs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <vector>

namespace vpcreach {
namespace {

void Fill(std::size_t job, std::uint8_t* out) {
  for (std::size_t k = 0; k < 3; ++k) out[k] = static_cast<std::uint8_t>((job * 7 + k) % 251);
}

TEST(ParallelJobsTest, SameResultsInOneOrMoreProcesses) {
  std::vector<std::uint8_t> expected(3 * 500);
  for (std::size_t j = 0; j < 500; ++j) Fill(j, expected.data() + 3 * j);
  for (int workers : {1, 2, 3}) {
    std::size_t last = 0;
    std::vector<std::uint8_t> got = RunJobs(500, 3, workers, Fill, [&](std::size_t done) {
      EXPECT_GE(done, last);
      last = done;
    });
    EXPECT_EQ(got, expected) << workers << " workers";
    EXPECT_EQ(last, 500u) << workers << " workers";
  }
}

TEST(ParallelJobsTest, NoJobsNoResults) {
  EXPECT_TRUE(RunJobs(0, 4, 2, Fill).empty());
}

TEST(ParallelJobsTest, AJobWhoseWorkerDiesRunsAgainHere) {
  pid_t parent = getpid();
  auto run = [&](std::size_t job, std::uint8_t* out) {
    if (getpid() != parent) {
      out[0] = 99;  // partly written, then the worker dies: must not be taken as the result
      _exit(3);
    }
    Fill(job, out);
  };
  std::vector<std::uint8_t> expected(3 * 40);
  for (std::size_t j = 0; j < 40; ++j) Fill(j, expected.data() + 3 * j);
  EXPECT_EQ(RunJobs(40, 3, 2, run), expected);
}

}  // namespace
}  // namespace vpcreach
