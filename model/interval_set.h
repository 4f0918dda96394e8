// Sets of unsigned integers as sorted lists of closed intervals: the addresses of one family.
//
// Invariant: the intervals are disjoint, non-adjacent and sorted, so two equal sets compare
// equal. T is an unsigned integer type (uint32_t for IPv4, unsigned __int128 for IPv6); the
// arithmetic never wraps (an interval may end at T's largest value).
#ifndef VPCREACH_MODEL_INTERVAL_SET_H_
#define VPCREACH_MODEL_INTERVAL_SET_H_

#include <algorithm>
#include <limits>
#include <vector>

namespace vpcreach {

template <typename T>
struct Interval {
  T lo = 0;
  T hi = 0;
  friend bool operator==(const Interval&, const Interval&) = default;
};

template <typename T>
class IntervalSet {
 public:
  void Add(Interval<T> add) {
    if (add.lo > add.hi) return;
    std::vector<Interval<T>> out;
    out.reserve(ranges_.size() + 1);
    bool placed = false;
    for (const Interval<T>& r : ranges_) {
      // Apart: r ends before add starts (and is not adjacent), or starts after it ends.
      if (r.hi < add.lo && r.hi + 1 < add.lo) {
        out.push_back(r);
      } else if (r.lo > add.hi && r.lo - 1 > add.hi) {
        if (!placed) out.push_back(add);
        placed = true;
        out.push_back(r);
      } else {
        add.lo = std::min(add.lo, r.lo);
        add.hi = std::max(add.hi, r.hi);
      }
    }
    if (!placed) out.push_back(add);
    ranges_ = std::move(out);
  }

  void Subtract(Interval<T> cut) {
    if (cut.lo > cut.hi) return;
    std::vector<Interval<T>> out;
    out.reserve(ranges_.size() + 1);
    for (const Interval<T>& r : ranges_) {
      if (r.hi < cut.lo || r.lo > cut.hi) {
        out.push_back(r);
        continue;
      }
      if (r.lo < cut.lo) out.push_back({r.lo, cut.lo - 1});
      if (r.hi > cut.hi) out.push_back({cut.hi + 1, r.hi});
    }
    ranges_ = std::move(out);
  }

  IntervalSet Intersect(const IntervalSet& other) const {
    IntervalSet out;
    std::size_t i = 0, j = 0;
    while (i < ranges_.size() && j < other.ranges_.size()) {
      const Interval<T>& a = ranges_[i];
      const Interval<T>& b = other.ranges_[j];
      T lo = std::max(a.lo, b.lo);
      T hi = std::min(a.hi, b.hi);
      if (lo <= hi) out.ranges_.push_back({lo, hi});
      (a.hi < b.hi) ? ++i : ++j;
    }
    return out;
  }

  bool Contains(T value) const {
    auto it = std::upper_bound(ranges_.begin(), ranges_.end(), value,
                               [](T v, const Interval<T>& r) { return v < r.lo; });
    return it != ranges_.begin() && value <= std::prev(it)->hi;
  }

  bool Empty() const { return ranges_.empty(); }
  const std::vector<Interval<T>>& Ranges() const { return ranges_; }
  friend bool operator==(const IntervalSet&, const IntervalSet&) = default;

 private:
  std::vector<Interval<T>> ranges_;
};

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_INTERVAL_SET_H_
