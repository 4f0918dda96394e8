// The generators' random stream: splitmix64, tiny, fast and the same on every platform (never
// <random>'s implementation-defined distributions), so that a seed always gives the same text.
#ifndef VPCREACH_TESTS_GENERATOR_RNG_H_
#define VPCREACH_TESTS_GENERATOR_RNG_H_

#include <cstdint>
#include <vector>

namespace vpcreach::testing {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (inclusive); lo when hi < lo.
  long long Int(long long lo, long long hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<long long>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <class T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Int(0, static_cast<long long>(items.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

}  // namespace vpcreach::testing

#endif  // VPCREACH_TESTS_GENERATOR_RNG_H_
